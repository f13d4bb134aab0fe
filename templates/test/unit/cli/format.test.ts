// The pure parts of the command line's output: tables, durations, sizes, the export lines that
// bring-your-own reads, the progress table, colours and live displays by environment.
import { describe, expect, it } from 'vitest';
import { byoValue, exportLines, formatExport, shellQuote } from '../../../src/cli/exports.js';
import { decorations } from '../../../src/cli/output.js';
import { renderProgress } from '../../../src/cli/progress.js';
import { formatBytes } from '@docker-wrapper/core';
import { formatDuration, formatTable } from '../../../src/cli/table.js';
import { parseDuration } from '../../../src/cli/durations.js';

describe('formatTable', () => {
  it('pads columns to the widest cell, ignoring colour escapes, with no trailing spaces', () => {
    expect(formatTable(['A', 'LONGER'], [['wide cell', 'x'], ['\u001b[32mok\u001b[39m', '']])).toBe('A          LONGER\nwide cell  x\n\u001b[32mok\u001b[39m');
  });
});

describe('durations and sizes', () => {
  it('formats them for people', () => {
    expect([formatDuration(850), formatDuration(4210), formatDuration(180_000), formatDuration(7_200_000)]).toEqual(['850 ms', '4.2 s', '3 min', '2 h']);
    expect([formatBytes(512), formatBytes(1_500_000), formatBytes(75_600_000_000)]).toEqual(['512 B', '1.4 MiB', '70.4 GiB']);
  });

  it('parses --older-than values and rejects others', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(() => parseDuration('1 h')).toThrow('"1 h" is not a duration');
    expect(() => parseDuration('')).toThrow('"" is not a duration');
  });
});

describe('export lines', () => {
  it('uses the bring-your-own variables for postgres, redis and kafka, JSON for other kinds', () => {
    const lines = exportLines({
      db: { kind: 'postgres', connection: { url: 'postgres://u:p@127.0.0.1:5432/db' } },
      cache: { kind: 'redis', connection: { url: 'redis://:pw@127.0.0.1:6379/0' } },
      bus: { kind: 'kafka', connection: { brokers: ['127.0.0.1:9092'], bootstrapServers: '127.0.0.1:9092' } },
      search: { kind: 'opensearch', connection: { url: 'http://127.0.0.1:9200' } },
      replica: { kind: 'postgres', connection: { url: 'postgres://u:p@127.0.0.1:5433/db' } },
    });
    expect(lines.map(formatExport)).toEqual([
      'export DOCKER_WRAPPER_POSTGRES_URL=postgres://u:p@127.0.0.1:5432/db',
      'export DOCKER_WRAPPER_REDIS_URL=redis://:pw@127.0.0.1:6379/0',
      'export DOCKER_WRAPPER_KAFKA_BROKERS=127.0.0.1:9092',
      `export DOCKER_WRAPPER_SEARCH_CONNECTION='{"url":"http://127.0.0.1:9200"}'`,
      `export DOCKER_WRAPPER_REPLICA_CONNECTION='{"url":"postgres://u:p@127.0.0.1:5433/db"}'`,
    ]);
  });

  it('quotes for POSIX shells', () => {
    expect(shellQuote('plain-value_1')).toBe('plain-value_1');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(byoValue('kafka', { brokers: ['a:1', 'b:2'] })).toBe('a:1,b:2');
    expect(byoValue('postgres', null)).toBeUndefined();
  });
});

describe('progress', () => {
  it('shows each service with its image and state', () => {
    expect(renderProgress([
      { name: 'db', kind: 'postgres', image: 'postgres:17', phase: 'starting' },
      { name: 'cache', kind: 'redis', image: 'redis:7', phase: 'ready', ms: 412 },
      { name: 'bus', kind: 'kafka', image: 'apache/kafka:3.9.1', phase: 'failed', ms: 61_000 },
    ])).toBe([
      'SERVICE  KIND      IMAGE               STATE',
      'db       postgres  postgres:17         starting, waiting for a query to answer',
      'cache    redis     redis:7             ready in 412 ms',
      'bus      kafka     apache/kafka:3.9.1  failed after 1 min',
    ].join('\n'));
  });
});

describe('decorations', () => {
  it('colours and redraws only on a terminal, not under CI, NO_COLOR or TERM=dumb', () => {
    expect(decorations(true, {})).toEqual({ colors: true, live: true });
    expect(decorations(false, {})).toEqual({ colors: false, live: false });
    expect(decorations(true, { CI: 'true' })).toEqual({ colors: false, live: false });
    expect(decorations(true, { CI: 'false' })).toEqual({ colors: true, live: true });
    expect(decorations(true, { NO_COLOR: '1' })).toEqual({ colors: false, live: true });
    expect(decorations(true, { TERM: 'dumb' })).toEqual({ colors: false, live: false });
    expect(decorations(false, { FORCE_COLOR: '1' })).toEqual({ colors: true, live: false });
  });
});
