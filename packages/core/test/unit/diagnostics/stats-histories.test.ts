import { describe, expect, it } from 'vitest';
import { StatsHistories } from '../../../src/diagnostics/stats-histories.js';
import type { StatsSample } from '../../../src/streams/stats-parse.js';

function sample(id: string, cpuPercent: number): StatsSample {
  return { id, name: id, time: Date.now(), cpuPercent, memoryBytes: 10, memoryLimitBytes: 100, memoryPercent: 10, netRxBytes: 0, netTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0, pids: 1, running: true };
}

// A stand-in for `docker.stats.stream(id)`: one sample every 5 ms until aborted; counts live streams.
function streams() {
  const live = new Set<string>();
  const stream = async function* (id: string, signal: AbortSignal): AsyncGenerator<StatsSample> {
    live.add(id);
    try {
      while (!signal.aborted) {
        yield sample(id, 50);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      live.delete(id);
    }
  };
  return { live, stream };
}

const eventually = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('StatsHistories', () => {
  it('samples watched containers, up to maxMonitors, and keeps the history after unwatch', async () => {
    const { live, stream } = streams();
    const histories = new StatsHistories({ enabled: true, maxSamples: 10, maxMonitors: 2, maxContainers: 10, stream });
    histories.watch('a');
    histories.watch('a');
    histories.watch('b');
    histories.watch('c');
    await eventually(() => (histories.summary('a')?.samples ?? 0) >= 3);
    expect([...live].sort()).toEqual(['a', 'b']);
    expect(histories.note('c')).toMatch(/not sampled: 2 other containers/);
    histories.unwatch('a');
    await eventually(() => !live.has('a'));
    const kept = histories.summary('a')?.samples ?? 0;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(histories.summary('a')?.avgCpuPercent).toBe(50);
    // A free slot: c can be sampled now, and a restarted container carries on its history.
    histories.watch('c');
    await eventually(() => (histories.summary('c')?.samples ?? 0) >= 1);
    expect(histories.note('c')).toBeUndefined();
    await histories.stop();
    expect(live.size).toBe(0);
    histories.watch('d');
    expect(histories.note('d')).toMatch(/never sampled/);
  });

  it('says why there are no stats when recording them is off', () => {
    const histories = new StatsHistories({ enabled: false, maxSamples: 10, maxMonitors: 2, maxContainers: 10, stream: streams().stream });
    histories.watch('a');
    expect(histories.summary('a')).toBeUndefined();
    expect(histories.note('a')).toBe('stats recording is off');
  });
});
