import { describe, expect, it } from 'vitest';
import { logsTailArgs, runningSessionContainersCommand, inspectForReportCommand } from '../../../src/diagnostics/commands.js';
import { DEFAULT_ACTIONS, normalizeRecorderOptions, normalizeReportOptions } from '../../../src/diagnostics/recorder-options.js';
import { InvalidOptionError } from '../../../src/errors.js';
import { bothClis } from '../../support/fixtures.js';

describe('recorder options', () => {
  it('fills in defaults and always records start, die and destroy', () => {
    expect(normalizeRecorderOptions()).toEqual({ maxEvents: 10_000, stats: true, maxSamples: 600, maxMonitors: 8, maxContainers: 200, actions: [...DEFAULT_ACTIONS] });
    expect(normalizeRecorderOptions({ actions: ['oom'] }).actions).toEqual(['oom', 'start', 'die', 'destroy']);
  });

  it.each([
    [{ maxEvents: 0 }, /`maxEvents`/],
    [{ maxMonitors: -1 }, /`maxMonitors`/],
    [{ stats: 'yes' }, /`stats`/],
    [{ actions: ['Die!'] }, /`actions`/],
  ])('rejects %j', (options, message) => {
    expect(() => normalizeRecorderOptions(options as never)).toThrow(InvalidOptionError);
    expect(() => normalizeRecorderOptions(options as never)).toThrow(message);
  });

  it('reads report ranges as Dates or epoch milliseconds', () => {
    expect(normalizeReportOptions({ since: new Date(5000), until: 9000 })).toEqual({ since: 5000, until: 9000, logLines: 50, maxEvents: 200 });
    expect(() => normalizeReportOptions({ since: 9000, until: 5000 })).toThrow(/`until`/);
    expect(() => normalizeReportOptions({ since: Number.NaN })).toThrow(/`since`/);
    expect(() => normalizeReportOptions({ logLines: -1 })).toThrow(/`logLines`/);
  });
});

describe('recorder commands', () => {
  it('builds `docker logs` and `docker ps` arguments', () => {
    expect(logsTailArgs('abc', { tail: 50 })).toEqual(['logs', '--tail', '50', 'abc']);
    expect(logsTailArgs('abc', { tail: undefined, since: 1_700_000_000_000 })).toEqual(['logs', '--since', '1700000000.000', 'abc']);
    expect(logsTailArgs('abc', { tail: 5, since: 1_700_000_000_123.7, until: 1_700_000_001_000.2 })).toEqual(['logs', '--tail', '5', '--since', '1700000000.123', '--until', '1700000001.001', 'abc']);
    expect(runningSessionContainersCommand('s1').args).toEqual(['ps', '--no-trunc', '--filter', 'label=docker-wrapper.session=s1', '--filter', 'status=running', '--format', '{{json .}}']);
    expect(runningSessionContainersCommand('s1').parse('{"ID":"abc","Names":"db,alias","Image":"redis:7"}\n')).toEqual([{ id: 'abc', name: 'db', image: 'redis:7' }]);
  });

  it.each(bothClis('inspect/container-running.{cli}.json'))('reads inspect output and keeps secret-looking env values (%s)', (_cli, text) => {
    const raw = JSON.parse(text) as [{ Config: { Env: string[] | null } }];
    raw[0].Config.Env = [...(raw[0].Config.Env ?? []), 'POSTGRES_PASSWORD=pg-secret', 'PORT=5432', 'API_TOKEN=abc=def'];
    const { info, secretValues } = inspectForReportCommand('x').parse(JSON.stringify(raw));
    expect(info.name).toBe('dw-capture');
    expect(secretValues).toEqual(['pg-secret', 'abc=def']);
  });
});
