import { describe, expect, it } from 'vitest';
import type { ContainerInfo } from '../../../src/commands/inspect.js';
import { formatReport } from '../../../src/diagnostics/format.js';
import { maskSecrets } from '../../../src/diagnostics/redact-text.js';
import { buildReport, formatBytes, type ReportInput } from '../../../src/diagnostics/report.js';
import { EventTimeline, type TimelineEntry } from '../../../src/diagnostics/timeline.js';
import { parseEvent } from '../../../src/streams/events-parse.js';
import { fixture } from '../../support/fixtures.js';

const MiB = 1024 ** 2;
const timeline = new EventTimeline();
for (const line of fixture('events/lifecycle.cli20.jsonl').split('\n')) {
  const event = parseEvent(line);
  if (event) timeline.add(event);
}
const oom = timeline.resolve('cap-oom');
const health = timeline.resolve('cap-health2');

function info(patch: Partial<ContainerInfo['state']> & { restartCount?: number } = {}): ContainerInfo {
  const { restartCount = 0, ...state } = patch;
  return {
    id: oom?.id ?? '', name: 'cap-oom', image: 'docker-wrapper-ci/base:dev', imageId: 'sha256:x', created: '2026-11-29T02:09:51Z', restartCount,
    state: { status: 'exited', running: false, paused: false, restarting: false, exitCode: 137, oomKilled: true, error: '', startedAt: '2026-11-29T02:09:51.284Z', finishedAt: '2026-11-29T02:09:51.443Z', ...state },
    labels: {}, ports: {}, exposedPorts: [], networks: {}, hasHealthCheck: false, memoryLimitBytes: 32 * MiB, env: { DB_PASSWORD: 'hunter22' },
  } as ContainerInfo;
}

function input(patch: Partial<ReportInput> = {}): ReportInput {
  return {
    target: { id: oom?.id ?? '', name: 'cap-oom', image: '' },
    info: info(),
    events: timeline.entries({ id: oom?.id }),
    stats: undefined,
    logs: ['starting with DB_PASSWORD=hunter22', 'Killed'],
    range: {},
    now: Date.UTC(2026, 10, 29, 2, 10, 0),
    maxEvents: 200,
    redact: (text) => maskSecrets(text, undefined, ['s3cr3t-value']),
    ...patch,
  };
}

describe('buildReport', () => {
  it('puts the OOM kill and the exit first, from inspect', () => {
    const report = buildReport(input());
    expect(report.findings[0]).toBe('OOM-killed: the kernel killed it for exceeding its memory limit (32 MiB)');
    expect(report.findings[1]).toBe('exited with code 137 (SIGKILL) at 2026-11-29T02:09:51.443Z');
    expect(report.state).toMatchObject({ source: 'inspect', status: 'exited', exitCode: 137, oomKilled: true, restartCount: 0, health: null });
    expect(report.events.map((e) => e.action)).toEqual(['create', 'start', 'oom', 'oom', 'die', 'destroy']);
    expect(report.events[4]).toMatchObject({ action: 'die', exitCode: 137 });
    expect(report.stats).toMatchObject({ samples: 0, memoryLimitBytes: 32 * MiB, note: 'no samples in this range' });
    expect(report.logs.lines).toEqual(['starting with DB_PASSWORD=***', 'Killed']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('tells the state from the events when docker no longer knows the container', () => {
    const report = buildReport(input({ info: undefined, logs: [], logsError: 'the container no longer exists' }));
    expect(report.state).toMatchObject({ source: 'events', status: 'removed', running: false, exitCode: 137, oomKilled: true, restartCount: 0 });
    expect(report.findings[0]).toMatch(/^OOM-killed/);
    expect(report.logs).toEqual({ lines: [], error: 'the container no longer exists' });
  });

  it('calls a SIGKILL that no docker kill or stop explains a likely OOM kill, when docker recorded none', () => {
    // What docker sends when it misses the OOM (seen under load on cgroup v1, and always on Podman
    // 4.3 there): the same captured life without its `oom` events, OOMKilled false.
    const missed = timeline.entries({ id: oom?.id }).filter((e) => e.action !== 'oom');
    const report = buildReport(input({ info: info({ oomKilled: false }), events: missed }));
    expect(report.findings[0]).toBe('likely OOM-killed: SIGKILL from neither docker kill nor stop, with a 32 MiB memory limit (docker recorded no OOM)');
    expect(report.findings[1]).toMatch(/^exited with code 137 \(SIGKILL\)/);
    // Gone from docker: the limit comes from the recorder's samples.
    const sampled = { samples: 1, firstAt: 1000, lastAt: 1000, avgCpuPercent: 50, peakCpuPercent: 50, avgMemoryBytes: 30 * MiB, peakMemoryBytes: 30 * MiB, memoryLimitBytes: 32 * MiB, peakMemoryPercent: 93.8 };
    expect(buildReport(input({ info: undefined, events: missed, stats: sampled })).findings[0]).toMatch(/^likely OOM-killed/);
    // `docker kill` (captured): the kill event explains the SIGKILL.
    const killed = timeline.resolve('cap-kill');
    const byDocker = buildReport(input({ info: info({ oomKilled: false }), events: timeline.entries({ id: killed?.id }) }));
    expect(byDocker.findings.join('\n')).not.toMatch(/OOM/);
    // Without a memory limit, or without the start in view, nothing is guessed.
    expect(buildReport(input({ info: { ...info({ oomKilled: false }), memoryLimitBytes: 0 }, events: missed })).findings.join('\n')).not.toMatch(/OOM/);
    expect(buildReport(input({ info: info({ oomKilled: false }), events: missed.filter((e) => e.action !== 'start') })).findings.join('\n')).not.toMatch(/OOM/);
  });

  it('says a paused container is frozen, from inspect and from the events alone', () => {
    const start = timeline.entries({ id: oom?.id }).find((e) => e.action === 'start') as TimelineEntry;
    const pause: TimelineEntry = { ...start, action: 'pause', time: start.time + 10 };
    const frozen = info({ status: 'paused', running: true, paused: true, exitCode: 0, oomKilled: false });
    const events = [start, pause];
    const fromInspect = buildReport(input({ info: frozen, events }));
    expect(fromInspect.findings).toEqual([`paused since ${new Date(pause.time).toISOString()}: its processes are frozen (docker pause) and answer nothing until unpaused`]);
    const fromEvents = buildReport(input({ info: undefined, events }));
    expect(fromEvents.state).toMatchObject({ source: 'events', status: 'paused', running: true });
    expect(fromEvents.findings[0]).toMatch(/^paused since /);
    const unpaused = buildReport(input({ info: undefined, events: [...events, { ...pause, action: 'unpause', time: pause.time + 5 }] }));
    expect(unpaused.state.status).toBe('running');
  });

  it('reports a failing health check with its last output, restarts and renames', () => {
    const unhealthy = info({
      status: 'running', running: true, exitCode: 0, oomKilled: false, restartCount: 1,
      health: { status: 'unhealthy', failingStreak: 4, log: [{ exitCode: 1, output: 'connect failed: password=s3cr3t-value\n', start: 's', end: '2026-11-29T02:10:04Z' }] },
    } as never);
    const report = buildReport(input({ info: unhealthy, events: timeline.entries({ id: health?.id }), target: { id: health?.id ?? '', name: 'cap-health2', image: '' } }));
    expect(report.findings).toEqual(['restarted 1 time(s)', 'health: unhealthy (4 failing check(s) in a row); last check exit 1: connect failed: password=***']);
    expect(report.state.health?.lastCheck).toEqual({ exitCode: 1, output: 'connect failed: password=***', end: '2026-11-29T02:10:04Z' });
    expect(report.events.filter((e) => e.action === 'health_status').map((e) => e.healthStatus)).toEqual(['unhealthy', 'unhealthy']);
  });

  it('flags memory near the limit and a CPU-bound container from the stats', () => {
    const report = buildReport(input({
      info: info({ status: 'running', running: true, oomKilled: false }),
      events: [],
      stats: { samples: 20, firstAt: 1000, lastAt: 20_000, avgCpuPercent: 97.3, peakCpuPercent: 101.2, avgMemoryBytes: 20 * MiB, peakMemoryBytes: 31 * MiB, memoryLimitBytes: 32 * MiB, peakMemoryPercent: 96.9 },
    }));
    expect(report.findings).toEqual(['memory near its limit: peak 31 MiB of 32 MiB', 'CPU-bound: 97.3% of a core on average']);
    expect(report.stats).toMatchObject({ samples: 20, firstAt: '1970-01-01T00:00:01.000Z', avgCpuPercent: 97.3 });
    expect(report.stats.note).toBeUndefined();
  });

  it('keeps the newest events when there are too many', () => {
    const report = buildReport(input({ maxEvents: 2 }));
    expect(report.events.map((e) => e.action)).toEqual(['die', 'destroy']);
    expect(report.eventsOmitted).toBe(4);
  });
});

describe('formatReport', () => {
  it('writes findings, state, stats, events and logs as text', () => {
    const text = formatReport(buildReport(input({ range: { since: Date.UTC(2026, 10, 29, 2, 9, 0) } })));
    expect(text).toContain(`── Diagnostics of cap-oom (${oom?.id.slice(0, 12)}, docker-wrapper-ci/base:dev) ──`);
    expect(text).toContain('Range: 2026-11-29T02:09:00.000Z .. now');
    expect(text).toContain('  ! OOM-killed: the kernel killed it for exceeding its memory limit (32 MiB)');
    expect(text).toContain('State (inspect): exited, exit 137, OOMKilled, 0 restart(s)');
    expect(text).toContain('Stats: no samples in this range');
    expect(text).toMatch(/ {2}\d\d:\d\d:\d\d\.\d{3}Z {2}die \(exit 137\)/);
    expect(text).toContain('  | starting with DB_PASSWORD=***');
    expect(text).not.toContain('hunter22');
  });

  it('formats byte sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(32 * MiB)).toBe('32 MiB');
    expect(formatBytes(25_275_882_537)).toBe('23.5 GiB');
  });
});
