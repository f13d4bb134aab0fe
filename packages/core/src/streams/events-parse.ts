// Reads one line of `docker events --format '{{json .}}'` into a typed event (pure). Works with
// and without the legacy `status`/`id`/`from` fields that newer engines drop.
import { EVENT_TYPES, type DockerEvent, type EventType, type HealthStatus } from './event-types.js';

type Json = Record<string, unknown>;

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const HEALTH = new Set<string>(['starting', 'healthy', 'unhealthy']);
// Container attributes that describe the event, not the container's labels.
const CONTAINER_FIELDS = new Set(['name', 'image', 'exitCode', 'signal', 'execID', 'oldName', 'execDuration']);
const IMAGE_FIELDS = new Set(['name']);

// The event on a line, or undefined for a blank line; throws on anything but a JSON object.
export function parseEvent(line: string): DockerEvent | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  const raw: unknown = JSON.parse(text);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
  return toDockerEvent(raw as Json);
}

// One decoded `events` message into a typed event.
export function toDockerEvent(raw: Json): DockerEvent {
  const actor = raw.Actor && typeof raw.Actor === 'object' ? (raw.Actor as Json) : {};
  const attributes = stringRecord(actor.Attributes);
  const rawType = str(raw.Type) || (raw.from !== undefined ? 'container' : 'other');
  const fullAction = str(raw.Action) || str(raw.status);
  const colon = fullAction.indexOf(':');
  const action = colon < 0 ? fullAction : fullAction.slice(0, colon).trim();
  const detail = colon < 0 ? undefined : fullAction.slice(colon + 1).trim();
  const id = str(actor.ID) || str(raw.id);
  const base = {
    action,
    ...(detail !== undefined ? { detail } : {}),
    id,
    attributes,
    time: eventTime(raw),
    scope: str(raw.scope) || 'local',
  };
  switch (rawType) {
    case 'container': {
      const exitCode = integer(attributes.exitCode);
      return {
        ...base,
        type: 'container',
        containerId: id,
        containerName: attributes.name ?? '',
        image: attributes.image ?? str(raw.from),
        ...(exitCode !== undefined ? { exitCode } : {}),
        ...(attributes.signal !== undefined ? { signal: attributes.signal } : {}),
        ...(action === 'health_status' && detail && HEALTH.has(detail) ? { healthStatus: detail as HealthStatus } : {}),
        ...(attributes.execID !== undefined ? { execId: attributes.execID } : {}),
        ...(attributes.oldName !== undefined ? { oldName: attributes.oldName.replace(/^\//, '') } : {}),
        labels: without(attributes, CONTAINER_FIELDS),
      };
    }
    case 'image':
      return { ...base, type: 'image', imageId: id, imageName: attributes.name ?? '', labels: without(attributes, IMAGE_FIELDS) };
    case 'network':
      return {
        ...base,
        type: 'network',
        networkId: id,
        networkName: attributes.name ?? '',
        driver: attributes.type ?? '',
        ...(attributes.container !== undefined ? { containerId: attributes.container } : {}),
      };
    case 'volume':
      return {
        ...base,
        type: 'volume',
        volumeName: id,
        driver: attributes.driver ?? '',
        ...(attributes.container !== undefined ? { containerId: attributes.container } : {}),
        ...(attributes.destination !== undefined ? { destination: attributes.destination } : {}),
      };
    default:
      return { ...base, type: KNOWN_TYPES.has(rawType) ? (rawType as Exclude<EventType, 'container' | 'image' | 'network' | 'volume'>) : 'other', rawType, name: attributes.name ?? '' };
  }
}

// `timeNano` when present (exact to the microsecond or so), else `time` in seconds.
function eventTime(raw: Json): number {
  if (typeof raw.timeNano === 'number' && raw.timeNano > 0) return raw.timeNano / 1e6;
  return typeof raw.time === 'number' ? raw.time * 1000 : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [key, v] of Object.entries(value as Json)) out[key] = typeof v === 'string' ? v : String(v);
  return out;
}

function without(record: Record<string, string>, keys: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in record) if (!keys.has(key)) out[key] = record[key] as string;
  return out;
}
