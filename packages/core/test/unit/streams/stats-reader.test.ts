import { describe, expect, it } from 'vitest';
import { DockerWrapperError } from '../../../src/errors.js';
import type { StatsSample } from '../../../src/streams/stats-parse.js';
import { StatsLineReader } from '../../../src/streams/stats-reader.js';
import { bothClis, fixture } from '../../support/fixtures.js';

// Replays a captured live stream: every screen redraw (a line starting with ESC[H) is 500 ms later,
// as the CLI draws.
function replay(raw: string): { reader: StatsLineReader; samples: StatsSample[]; frames: number } {
  const reader = new StatsLineReader();
  const samples: StatsSample[] = [];
  let time = 0;
  let frames = 0;
  for (const line of raw.split('\n')) {
    if (line.includes('\x1b[H')) {
      frames++;
      time += 500;
    }
    const sample = reader.read(line, time);
    if (sample) samples.push(sample);
  }
  return { reader, samples, frames };
}

describe('StatsLineReader', () => {
  it.each(bothClis('stats/stream.{cli}.raw'))('keeps about one sample per container per second and skips redraws (%s)', (_cli, raw) => {
    const { reader, samples, frames } = replay(raw);
    const busy = samples.filter((s) => s.name === 'cap-busy');
    expect(frames).toBeGreaterThanOrEqual(5);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeLessThan(frames);
    // The first CPU figure is docker's average since start: left out.
    expect(busy[0]?.cpuPercent).toBeNull();
    expect(busy.slice(1).every((s) => s.cpuPercent !== null)).toBe(true);
    // A stopped container's unchanged zeros are kept at most once a 750 ms.
    const stopped = samples.filter((s) => s.name === 'cap-stopped');
    for (let i = 1; i < stopped.length; i++) expect((stopped[i]?.time ?? 0) - (stopped[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(750);
    expect(reader.ids()).toHaveLength(5);
    expect(reader.allGone).toBe(false);
  });

  it('tells when every container reads `--`', () => {
    const { reader, samples } = replay(fixture('stats/stream-container-removed.cli20.raw'));
    expect(reader.ids()).toHaveLength(2);
    expect(reader.allGone).toBe(true);
    expect(samples.at(-1)?.running).toBe(false);
  });

  it('throws a PARSE_ERROR for a line docker would not print', () => {
    const reader = new StatsLineReader();
    expect(reader.read(' \x1b[K', 0)).toBeUndefined();
    expect(() => reader.read('{"CPUPerc":"x"}', 0)).toThrow(DockerWrapperError);
    expect(() => reader.read('not json', 0)).toThrow(/Could not read a docker stats line/);
  });
});
