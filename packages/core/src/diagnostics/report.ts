// The diagnostics report of one container over a time range, assembled from what the recorder and
// docker know (pure): plain JSON-able data, secrets already masked.
import type { ContainerInfo } from '../commands/inspect.js';
import type { StatsSummary } from '../streams/sample-window.js';
import type { TimelineEntry } from './timeline.js';

export interface ReportEvent {
  /** ISO 8601 time. */
  time: string;
  action: string;
  detail?: string;
  exitCode?: number;
  signal?: string;
  healthStatus?: string;
}

export interface ReportState {
  /** Where the state comes from: `inspect` (docker now), `events` (container gone), `unknown`. */
  source: 'inspect' | 'events' | 'unknown';
  status: string;
  running: boolean | null;
  exitCode: number | null;
  oomKilled: boolean | null;
  restartCount: number | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  health: { status: string; failingStreak: number; lastCheck: { exitCode: number; output: string; end: string } | null } | null;
}

export interface ReportStats extends Omit<StatsSummary, 'firstAt' | 'lastAt'> {
  firstAt: string | null;
  lastAt: string | null;
  /** Why there are no samples, when there are none. */
  note?: string;
}

export interface DiagnosticsReport {
  container: { id: string; name: string; image: string };
  generatedAt: string;
  range: { since: string | null; until: string | null };
  /** The headline: what most likely went wrong, most telling first. */
  findings: string[];
  state: ReportState;
  events: ReportEvent[];
  /** Events in range left out to keep the report short (the oldest go first). */
  eventsOmitted: number;
  stats: ReportStats;
  logs: { lines: string[]; error?: string };
}

export interface ReportInput {
  target: { id: string; name: string; image: string };
  info: ContainerInfo | undefined;
  events: readonly TimelineEntry[];
  stats: StatsSummary | undefined;
  statsNote?: string;
  logs: readonly string[];
  logsError?: string;
  range: { since?: number; until?: number };
  now: number;
  maxEvents: number;
  /** Masks secrets in a piece of text. */
  redact: (text: string) => string;
}

// Puts a report together and writes its findings.
export function buildReport(input: ReportInput): DiagnosticsReport {
  const { info, redact } = input;
  const shown = input.events.slice(-input.maxEvents);
  const state = info ? stateFromInspect(info, redact) : stateFromEvents(input.events);
  const stats = input.stats;
  const report: DiagnosticsReport = {
    container: { id: info?.id ?? input.target.id, name: info?.name ?? input.target.name, image: info?.image ?? input.target.image },
    generatedAt: new Date(input.now).toISOString(),
    range: { since: iso(input.range.since), until: iso(input.range.until) },
    findings: [],
    state,
    events: shown.map((entry) => toReportEvent(entry, redact)),
    eventsOmitted: input.events.length - shown.length,
    stats: {
      samples: stats?.samples ?? 0,
      firstAt: iso(stats?.firstAt ?? undefined),
      lastAt: iso(stats?.lastAt ?? undefined),
      avgCpuPercent: stats?.avgCpuPercent ?? null,
      peakCpuPercent: stats?.peakCpuPercent ?? null,
      avgMemoryBytes: stats?.avgMemoryBytes ?? null,
      peakMemoryBytes: stats?.peakMemoryBytes ?? null,
      memoryLimitBytes: stats?.memoryLimitBytes ?? (info?.memoryLimitBytes || null),
      peakMemoryPercent: stats?.peakMemoryPercent ?? null,
      ...(stats?.samples ? {} : { note: input.statsNote ?? 'no samples in this range' }),
    },
    logs: { lines: input.logs.map(redact), ...(input.logsError ? { error: redact(input.logsError) } : {}) },
  };
  report.findings = findings(report, input.events);
  return report;
}

function stateFromInspect(info: ContainerInfo, redact: (text: string) => string): ReportState {
  const s = info.state;
  const last = s.health?.log.at(-1);
  return {
    source: 'inspect',
    status: s.status,
    running: s.running,
    exitCode: s.running ? null : s.exitCode,
    oomKilled: s.oomKilled,
    restartCount: info.restartCount,
    error: s.error ? redact(s.error) : null,
    startedAt: dockerTime(s.startedAt),
    finishedAt: dockerTime(s.finishedAt),
    health: s.health
      ? { status: s.health.status, failingStreak: s.health.failingStreak, lastCheck: last ? { exitCode: last.exitCode, output: redact(last.output.trim()).slice(-2000), end: last.end } : null }
      : null,
  };
}

// What the events tell of a container docker no longer knows.
function stateFromEvents(events: readonly TimelineEntry[]): ReportState {
  const last = (action: string) => events.findLast((e) => e.action === action);
  const die = last('die');
  const start = last('start');
  const health = last('health_status');
  const running = start !== undefined && (die === undefined || die.time < start.time);
  return {
    source: events.length > 0 ? 'events' : 'unknown',
    status: last('destroy') ? 'removed' : running ? (isPaused(last('pause'), last('unpause'), start) ? 'paused' : 'running') : die ? 'exited' : 'unknown',
    running: events.length > 0 ? running : null,
    exitCode: die?.exitCode ?? null,
    oomKilled: events.length > 0 ? events.some((e) => e.action === 'oom') : null,
    restartCount: events.length > 0 ? Math.max(0, events.filter((e) => e.action === 'start').length - 1) : null,
    error: null,
    startedAt: iso(start?.time),
    finishedAt: iso(die?.time),
    health: health ? { status: health.healthStatus ?? health.detail ?? '', failingStreak: 0, lastCheck: null } : null,
  };
}

function toReportEvent(entry: TimelineEntry, redact: (text: string) => string): ReportEvent {
  const out: ReportEvent = { time: new Date(entry.time).toISOString(), action: entry.action };
  if (entry.detail) out.detail = redact(entry.detail);
  if (entry.exitCode !== undefined) out.exitCode = entry.exitCode;
  if (entry.signal !== undefined) out.signal = entry.signal;
  if (entry.healthStatus !== undefined) out.healthStatus = entry.healthStatus;
  return out;
}

// A pause after the last start and after the last unpause.
function isPaused(pause: TimelineEntry | undefined, unpause: TimelineEntry | undefined, start: TimelineEntry | undefined): boolean {
  return pause !== undefined && (start === undefined || pause.time >= start.time) && (unpause === undefined || unpause.time < pause.time);
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

// The most telling facts first: OOM, exit, restarts, health, resource pressure.
function findings(report: DiagnosticsReport, events: readonly TimelineEntry[]): string[] {
  const out: string[] = [];
  const { state, stats } = report;
  const limit = stats.memoryLimitBytes;
  const oomEvents = events.filter((e) => e.action === 'oom').length;
  if (state.oomKilled) out.push(`OOM-killed: the kernel killed it for exceeding its memory limit${limit ? ` (${formatBytes(limit)})` : ''}`);
  else if (oomEvents > 0) out.push(`out of memory ${oomEvents} time(s) (a process inside was OOM-killed${limit ? ` at the ${formatBytes(limit)} limit` : ''})`);
  else if (limit && unrecordedKill(state, events)) {
    out.push(`likely OOM-killed: SIGKILL from neither docker kill nor stop, with a ${formatBytes(limit)} memory limit (docker recorded no OOM)`);
  }
  if (state.running === false && state.exitCode !== null) {
    const signal = state.exitCode > 128 ? SIGNALS[state.exitCode - 128] : undefined;
    out.push(`exited with code ${state.exitCode}${signal ? ` (${signal})` : ''}${state.finishedAt ? ` at ${state.finishedAt}` : ''}`);
  }
  if (state.status === 'paused') {
    const paused = events.findLast((e) => e.action === 'pause');
    out.push(`paused${paused ? ` since ${new Date(paused.time).toISOString()}` : ''}: its processes are frozen (docker pause) and answer nothing until unpaused`);
  }
  if (state.error) out.push(`docker error: ${state.error}`);
  if (state.restartCount) out.push(`restarted ${state.restartCount} time(s)`);
  if (state.health && state.health.status !== 'healthy') {
    const check = state.health.lastCheck;
    out.push(`health: ${state.health.status}${state.health.failingStreak ? ` (${state.health.failingStreak} failing check(s) in a row)` : ''}${check ? `; last check exit ${check.exitCode}: ${firstLine(check.output)}` : ''}`);
  }
  if (stats.peakMemoryBytes !== null && limit && stats.peakMemoryBytes >= 0.9 * limit) {
    out.push(`memory near its limit: peak ${formatBytes(stats.peakMemoryBytes)} of ${formatBytes(limit)}`);
  }
  if (stats.avgCpuPercent !== null && stats.avgCpuPercent >= 90) out.push(`CPU-bound: ${stats.avgCpuPercent.toFixed(1)}% of a core on average`);
  return out;
}

// A SIGKILL (exit 137) that no `kill` or `stop` event of the container's last run explains, seen
// from its start: the kernel's OOM killer, most likely. dockerd on cgroup v1 misses an OOM that
// comes within moments of the start (containerd watches the cgroup only after it), and Podman 4.3
// on cgroup v1 records none at all.
function unrecordedKill(state: ReportState, events: readonly TimelineEntry[]): boolean {
  if (state.running !== false || state.exitCode !== 137) return false;
  const start = events.findLastIndex((e) => e.action === 'start');
  const die = events.findLastIndex((e) => e.action === 'die');
  if (start < 0 || die < start || events[die]?.exitCode !== 137) return false;
  return !events.slice(start).some((e) => e.action === 'kill' || e.action === 'stop');
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || '(no output)';
}

// docker's zero time (`0001-01-01T00:00:00Z`) means "never".
function dockerTime(value: string): string | null {
  return !value || value.startsWith('0001-') ? null : value;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

// `33554432` -> `32 MiB` (binary units, as docker shows memory).
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}
