import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/streams/line-splitter.js';
import { parseStatsLine, stripTerminalEscapes, type StatsSample } from '../../../src/streams/stats-parse.js';
import { bothClis, fixture } from '../../support/fixtures.js';

const MiB = 1024 ** 2;

function byName(samples: StatsSample[], name: string): StatsSample {
  const sample = samples.find((s) => s.name === name);
  if (!sample) throw new Error(`no sample of ${name}`);
  return sample;
}

describe('parseStatsLine on `docker stats --no-stream` output', () => {
  it.each(bothClis('stats/no-stream.{cli}.jsonl'))('reads every container (%s)', (_cli, text) => {
    const samples = text.split('\n').flatMap((line) => parseStatsLine(line, 1000) ?? []);
    expect(samples.map((s) => s.name)).toEqual(['cap-busy', 'cap-mem', 'cap-stopped', 'cap-srv', 'cap-cli']);
    const busy = byName(samples, 'cap-busy');
    expect(busy).toMatchObject({
      id: 'ce2c2c066b9e9a04457ca400ade4b2811871498e78dd6baf76164ea4a772436e',
      time: 1000,
      memoryBytes: 428 * 1024,
      memoryLimitBytes: 64 * MiB,
      memoryPercent: 0.65,
      netTxBytes: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
      pids: 1,
      running: true,
    });
    expect(busy.cpuPercent).toBeGreaterThan(50);
    // 30 MB went from cap-cli to cap-srv: decimal units, exactly.
    expect(byName(samples, 'cap-srv').netRxBytes).toBe(30_000_000);
    expect(byName(samples, 'cap-cli').netTxBytes).toBe(30_000_000);
    expect(byName(samples, 'cap-srv').memoryLimitBytes).toBe(Math.round(23.54 * 1024 ** 3));
    expect(byName(samples, 'cap-stopped')).toMatchObject({ running: false, memoryBytes: 0, memoryLimitBytes: 0, pids: 0, cpuPercent: 0 });
  });
});

describe('parseStatsLine on the live (redrawn) output', () => {
  it.each([...bothClis('stats/stream.{cli}.raw'), ['removed', fixture('stats/stream-container-removed.cli20.raw')] as [string, string]])(
    'reads every line of a screen-redrawing stream fed in odd-sized chunks (%s)',
    (_cli, raw) => {
      const splitter = new LineSplitter();
      const lines: string[] = [];
      for (let i = 0; i < raw.length; i += 37) lines.push(...splitter.push(raw.slice(i, i + 37)));
      lines.push(...splitter.end());
      const samples = lines.flatMap((line) => parseStatsLine(line) ?? []);
      expect(samples.length).toBeGreaterThanOrEqual(10);
      expect(samples.every((s) => s.id.length === 64)).toBe(true);
      for (const line of lines) expect(stripTerminalEscapes(line)).not.toContain('\x1b');
    },
  );

  it('reads `--` (a removed container) as no data', () => {
    const raw = fixture('stats/stream-container-removed.cli20.raw');
    const samples = raw.split('\n').flatMap((line) => parseStatsLine(line) ?? []);
    const gone = samples.at(-1);
    expect(gone).toMatchObject({ cpuPercent: null, memoryBytes: null, memoryLimitBytes: null, memoryPercent: null, netRxBytes: null, blockReadBytes: null, pids: null, running: false });
    // Before removal docker printed zeros for the killed (stopped) container.
    expect(samples.some((s) => s.running === false && s.memoryLimitBytes === 0)).toBe(true);
  });

  it('strips the escapes of both CLI generations', () => {
    expect(stripTerminalEscapes('\x1b[2J\x1b[H{"a":1}')).toBe('{"a":1}');
    expect(stripTerminalEscapes('\x1b[J\x1b[H{"a":1} \x1b[K')).toBe('{"a":1} ');
    expect(parseStatsLine(' \x1b[K')).toBeUndefined();
    expect(() => parseStatsLine('\x1b[H{"CPUPerc":"abc"}')).toThrow(/percentage/);
  });
});
