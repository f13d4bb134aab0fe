// Options of `docker.events.stream()`: validation and their `docker events` arguments (pure).
import { didYouMean } from '../options/suggest.js';
import { InvalidOptionError } from '../errors.js';
import { validateLabelKey } from '../options/validate.js';
import { EVENT_TYPES, type EventType } from './event-types.js';

/**
 * A point in time for `since`/`until`: a Date, or a string docker reads: a duration before now
 * (`5m`, `1h30m`), a timestamp (`2024-01-02T15:04:05Z`) or Unix seconds (`'1700000000.5'`).
 */
export type EventTime = Date | string;

export interface EventStreamOptions {
  /** Only these object types. */
  type?: EventType | readonly EventType[];
  /** Only these actions (`die`, `oom`, `health_status`: docker matches `health_status: unhealthy` too). */
  action?: string | readonly string[];
  /** Only objects with these labels (`true`: the label is present, whatever its value). */
  labels?: Readonly<Record<string, string | true>>;
  /** Only these containers (ids or names). */
  container?: string | readonly string[];
  image?: string | readonly string[];
  network?: string | readonly string[];
  volume?: string | readonly string[];
  /** Replay the events since then (docker keeps a limited backlog), then go on live. */
  since?: EventTime;
  /** Stop at this time; with a past time the stream replays and ends. */
  until?: EventTime;
  /** Ends the stream (and kills its docker process). */
  signal?: AbortSignal;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const TIMESTAMP = /^\d+(\.\d+)?$|^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/;

// Checks the options and returns the `docker events` arguments they stand for.
export function eventsArgs(options: EventStreamOptions = {}): string[] {
  const args = ['events', '--format', '{{json .}}'];
  for (const type of list('type', options.type)) args.push('--filter', `type=${validateType(type)}`);
  for (const action of list('action', options.action)) args.push('--filter', `event=${action}`);
  for (const [key, value] of Object.entries(options.labels ?? {})) {
    validateLabelKey('labels', key);
    if (value !== true && typeof value !== 'string') throw new InvalidOptionError(`labels.${key}`, value, 'Expected a string, or `true` for "has this label".');
    args.push('--filter', value === true ? `label=${key}` : `label=${key}=${value}`);
  }
  for (const name of ['container', 'image', 'network', 'volume'] as const) {
    for (const value of list(name, options[name])) args.push('--filter', `${name}=${value}`);
  }
  if (options.since !== undefined) args.push('--since', dockerTime('since', options.since));
  if (options.until !== undefined) args.push('--until', dockerTime('until', options.until));
  return args;
}

// Throws unless docker reads `value` as a point in time for `since`/`until` (checked before any
// docker process starts, e.g. by the command line's `--since`).
export function validateEventTime(option: string, value: unknown): string {
  return dockerTime(option, value as EventTime);
}

// A time option as docker reads it: a Date as Unix seconds with milliseconds, a string as given.
export function dockerTime(option: string, value: EventTime): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return (Math.floor(value.getTime()) / 1000).toFixed(3);
  if (typeof value === 'string' && (DURATION.test(value) || TIMESTAMP.test(value))) return value;
  const hint = typeof value === 'number' ? ' Numbers are ambiguous (seconds or milliseconds?): pass `new Date(ms)`.' : '';
  throw new InvalidOptionError(option, value, `Expected a Date, a duration like \`5m\`, or a timestamp like \`2024-01-02T15:04:05Z\` or \`'1700000000.5'\`.${hint}`);
}

function list(option: string, value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  const values = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.trim() === '' || v.includes('\n'))) {
    throw new InvalidOptionError(option, value, 'Expected a non-empty string or an array of them.');
  }
  return values;
}

function validateType(type: string): EventType {
  if ((EVENT_TYPES as readonly string[]).includes(type)) return type as EventType;
  throw new InvalidOptionError('type', type, `Expected one of ${EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}.${didYouMean(type, EVENT_TYPES)}`);
}
