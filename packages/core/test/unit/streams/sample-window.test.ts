import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { SampleWindow } from '../../../src/streams/sample-window.js';
import type { StatsSample } from '../../../src/streams/stats-parse.js';

function sample(time: number, cpuPercent: number | null, memoryBytes: number | null, running = true): StatsSample {
  return {
    id: 'c1', name: 'db', time, cpuPercent, memoryBytes, memoryLimitBytes: 1000, memoryPercent: memoryBytes === null ? null : memoryBytes / 10,
    netRxBytes: 0, netTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0, pids: 1, running,
  };
}

describe('SampleWindow', () => {
  it('keeps at most maxSamples and nothing older than the window', () => {
    const window = new SampleWindow({ window: 10_000, maxSamples: 5 });
    for (let t = 0; t < 20_000; t += 1000) window.add(sample(t, 10, 100));
    expect(window.size).toBe(5);
    expect(window.samples().map((s) => s.time)).toEqual([15_000, 16_000, 17_000, 18_000, 19_000]);
    const wide = new SampleWindow({ window: 3000, maxSamples: 100 });
    for (let t = 0; t < 20_000; t += 1000) wide.add(sample(t, 10, 100));
    expect(wide.samples().map((s) => s.time)).toEqual([16_000, 17_000, 18_000, 19_000]);
  });

  it('ignores samples of a stopped container', () => {
    const window = new SampleWindow();
    window.add(sample(0, 0, 0, false));
    expect(window.size).toBe(0);
    expect(window.latest()).toBeUndefined();
  });

  it('averages and peaks over a range, skipping missing figures', () => {
    const window = new SampleWindow({ window: 60_000 });
    window.add(sample(1000, null, 100));
    window.add(sample(2000, 50, 300));
    window.add(sample(3000, 100, 200));
    window.add(sample(4000, 0, null));
    expect(window.summary()).toEqual({
      samples: 4, firstAt: 1000, lastAt: 4000,
      avgCpuPercent: 50, peakCpuPercent: 100,
      avgMemoryBytes: 200, peakMemoryBytes: 300, memoryLimitBytes: 1000, peakMemoryPercent: 30,
    });
    expect(window.summary({ since: 2500 })).toMatchObject({ samples: 2, avgCpuPercent: 50, peakMemoryBytes: 200 });
    expect(window.summary({ since: new Date(1500), until: new Date(2500) })).toMatchObject({ samples: 1, avgCpuPercent: 50, peakCpuPercent: 50 });
    expect(window.summary({ since: 10_000 })).toMatchObject({ samples: 0, avgCpuPercent: null, peakMemoryBytes: null, memoryLimitBytes: null });
  });

  it.each([
    [{ window: 0 }, /`window`/],
    [{ window: Number.POSITIVE_INFINITY }, /`window`/],
    [{ maxSamples: 0 }, /`maxSamples`/],
    [{ maxSamples: 2.5 }, /`maxSamples`/],
  ])('rejects %j', (options, message) => {
    expect(() => new SampleWindow(options)).toThrow(InvalidOptionError);
    expect(() => new SampleWindow(options)).toThrow(message);
  });
});
