import { describe, expect, it } from 'vitest';
import { DockerWrapperError } from '../../../src/errors.js';
import { StatsMonitor } from '../../../src/streams/monitor.js';
import { SampleWindow } from '../../../src/streams/sample-window.js';
import { parseStatsLine, type StatsSample } from '../../../src/streams/stats-parse.js';
import { fixture } from '../../support/fixtures.js';

// A source like `docker.stats.stream()`: yields samples (stamped now) until aborted, and records
// whether the monitor ended it.
function source(samples: StatsSample[], options: { failAfter?: number; delayMs?: number } = {}) {
  const state = { ended: false };
  const make = async function* (signal: AbortSignal): AsyncGenerator<StatsSample> {
    try {
      for (let i = 0; ; i++) {
        if (options.failAfter !== undefined && i === options.failAfter) throw new DockerWrapperError('STREAM_FAILED', 'docker went away');
        yield { ...(samples[i % samples.length] as StatsSample), time: Date.now() };
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.delayMs ?? 5);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          }, { once: true });
        });
        if (signal.aborted) return;
      }
    } finally {
      state.ended = true;
    }
  };
  return { make, state };
}

const captured = fixture('stats/no-stream.cli20.jsonl').split('\n').flatMap((line) => parseStatsLine(line) ?? []);
const busy = captured.filter((s) => s.name === 'cap-busy');

describe('StatsMonitor', () => {
  it('fills its window in the background and answers aggregates until stopped', async () => {
    const { make, state } = source(busy);
    const monitor = new StatsMonitor(make, new SampleWindow({ maxSamples: 10 }));
    await monitor.waitForSamples(10, { timeoutMs: 5000 });
    expect(monitor.running).toBe(true);
    expect(monitor.samples()).toHaveLength(10);
    expect(monitor.avgCpuPercent(60_000)).toBe(busy[0]?.cpuPercent);
    expect(monitor.peakMemoryBytes(60_000)).toBe(428 * 1024);
    expect(monitor.latest()?.name).toBe('cap-busy');
    await monitor.stop();
    expect(state.ended).toBe(true);
    expect(monitor.running).toBe(false);
    expect(monitor.error).toBeUndefined();
    // The samples stay readable after stop().
    expect(monitor.summary().samples).toBe(10);
  });

  it('keeps the error when the stream fails, and rejects waiters', async () => {
    const { make } = source(busy, { failAfter: 2 });
    const monitor = new StatsMonitor(make, new SampleWindow());
    await expect(monitor.waitForSamples(50, { timeoutMs: 5000 })).rejects.toThrow(/docker went away/);
    expect(monitor.running).toBe(false);
    expect((monitor.error as DockerWrapperError).code).toBe('STREAM_FAILED');
    await monitor.stop();
  });

  it('times out a wait for samples that do not come', async () => {
    const { make } = source(busy, { delayMs: 10_000 });
    const monitor = new StatsMonitor(make, new SampleWindow());
    await expect(monitor.waitForSamples(3, { timeoutMs: 100 })).rejects.toThrow(/No 3 stats samples within 100 ms/);
    await monitor.stop();
  });

  it('reports nothing for a window without samples', async () => {
    const { make } = source(busy, { delayMs: 10_000 });
    const monitor = new StatsMonitor(make, new SampleWindow());
    await monitor.waitForSamples(1);
    expect(monitor.avgCpuPercent(-1)).toBeUndefined();
    expect(monitor.peakMemoryBytes(-1)).toBeUndefined();
    await monitor.stop();
  });
});
