// Options of the diagnostics recorder and of its reports: defaults and validation.
import { InvalidOptionError } from '../errors.js';
import { validateInteger } from '../options/validate.js';
import type { TimeRange } from '../streams/sample-window.js';

export interface RecorderOptions {
  /** Events kept in the timeline (default 10 000; the oldest go first). */
  maxEvents?: number;
  /** Sample each running container's CPU and memory with `docker stats` (default true). */
  stats?: boolean;
  /** Samples kept per container (default 600: ten minutes at one a second). */
  maxSamples?: number;
  /** Containers sampled at once, one `docker stats` process each (default 8). */
  maxMonitors?: number;
  /** Containers whose name and stats history are kept (default 200). */
  maxContainers?: number;
  /**
   * Container actions recorded (default: lifecycle and health: create, start, restart, die, kill,
   * oom, stop, health_status, pause, unpause, destroy, rename, update; exec_* are left out as wait
   * strategies run many). `start`, `die` and `destroy` are always recorded.
   */
  actions?: readonly string[];
}

export interface ReportOptions extends TimeRange {
  /** Last lines of container output to include (default 50; 0 for none). */
  logLines?: number;
  /** Events in range shown at most, the newest kept (default 200). */
  maxEvents?: number;
}

export const DEFAULT_ACTIONS: readonly string[] = ['create', 'start', 'restart', 'die', 'kill', 'oom', 'stop', 'health_status', 'pause', 'unpause', 'destroy', 'rename', 'update'];
const REQUIRED_ACTIONS = ['start', 'die', 'destroy'];

// Checks recorder options and fills in the defaults.
export function normalizeRecorderOptions(options: RecorderOptions = {}): Required<RecorderOptions> {
  if (options.stats !== undefined && typeof options.stats !== 'boolean') throw new InvalidOptionError('stats', options.stats, 'Expected true or false.');
  const actions = options.actions ?? DEFAULT_ACTIONS;
  if (!Array.isArray(actions) || actions.some((a) => typeof a !== 'string' || !/^[a-z_]+$/.test(a))) {
    throw new InvalidOptionError('actions', actions, 'Expected an array of docker event actions like `["die", "oom", "health_status"]`.');
  }
  return {
    maxEvents: validateInteger('maxEvents', options.maxEvents ?? 10_000, 1, 1_000_000),
    stats: options.stats ?? true,
    maxSamples: validateInteger('maxSamples', options.maxSamples ?? 600, 1, 100_000),
    maxMonitors: validateInteger('maxMonitors', options.maxMonitors ?? 8, 0, 256),
    maxContainers: validateInteger('maxContainers', options.maxContainers ?? 200, 1, 100_000),
    actions: [...new Set([...actions, ...REQUIRED_ACTIONS])],
  };
}

export interface NormalizedReportOptions {
  since?: number;
  until?: number;
  logLines: number;
  maxEvents: number;
}

// Checks report options (time range, log lines) and fills in the defaults.
export function normalizeReportOptions(options: ReportOptions = {}): NormalizedReportOptions {
  const out: NormalizedReportOptions = {
    logLines: validateInteger('logLines', options.logLines ?? 50, 0, 100_000),
    maxEvents: validateInteger('maxEvents', options.maxEvents ?? 200, 0, 1_000_000),
  };
  const since = time('since', options.since);
  const until = time('until', options.until);
  if (since !== undefined) out.since = since;
  if (until !== undefined) out.until = until;
  if (since !== undefined && until !== undefined && since > until) throw new InvalidOptionError('until', options.until, '`until` is before `since`.');
  return out;
}

function time(option: string, value: number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new InvalidOptionError(option, value, 'Expected a Date or milliseconds since the Unix epoch (like `Date.now() - 60_000`).');
  }
  return ms;
}
