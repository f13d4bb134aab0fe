// A bounded timeline of docker events (compact entries, oldest dropped first) and the containers
// they name, so a report can find a container by id, short id or any name it had (pure).
import type { DockerEvent, HealthStatus } from '../streams/event-types.js';
import { Ring } from '../streams/ring.js';
import type { TimeRange } from '../streams/sample-window.js';

export interface TimelineEntry {
  /** Milliseconds since the Unix epoch. */
  time: number;
  type: DockerEvent['type'];
  action: string;
  /** The text after the action (`unhealthy`, an exec command line), at most 300 characters. */
  detail?: string;
  /** The object's id (for containers, the full container id). */
  id: string;
  name: string;
  exitCode?: number;
  signal?: string;
  healthStatus?: HealthStatus;
}

export interface KnownContainer {
  id: string;
  name: string;
  image: string;
  /** Earlier names (after a rename). */
  formerNames: string[];
  lastEventAt: number;
  destroyed: boolean;
}

const MAX_DETAIL = 300;

// The recorder's memory of events and container names.
export class EventTimeline {
  readonly #entries: Ring<TimelineEntry>;
  readonly #containers = new Map<string, KnownContainer>();
  readonly #maxContainers: number;
  readonly #redact: (text: string) => string;

  // `redact` masks secrets in action details (exec command lines) before they are kept.
  constructor(options: { maxEvents?: number; maxContainers?: number; redact?: (text: string) => string } = {}) {
    this.#entries = new Ring(options.maxEvents ?? 10_000);
    this.#maxContainers = options.maxContainers ?? 1_000;
    this.#redact = options.redact ?? ((text) => text);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Entries dropped to keep within `maxEvents`. */
  get dropped(): number {
    return this.#entries.dropped;
  }

  // Records an event and returns its compact entry.
  add(event: DockerEvent): TimelineEntry {
    const name = event.type === 'container' ? event.containerName : event.type === 'image' ? event.imageName : event.type === 'network' ? event.networkName : event.type === 'volume' ? event.volumeName : event.name;
    const entry: TimelineEntry = { time: event.time, type: event.type, action: event.action, id: event.id, name };
    if (event.detail) {
      const detail = this.#redact(event.detail);
      entry.detail = detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 3)}...` : detail;
    }
    if (event.type === 'container') {
      if (event.exitCode !== undefined) entry.exitCode = event.exitCode;
      if (event.signal !== undefined) entry.signal = event.signal;
      if (event.healthStatus !== undefined) entry.healthStatus = event.healthStatus;
      this.#remember(event.containerId, event.containerName, event.image, event.time, event.action, event.oldName);
    }
    this.#entries.push(entry);
    return entry;
  }

  // Registers a container seen some other way (e.g. already running when recording began).
  remember(id: string, name: string, image: string, time = Date.now()): void {
    this.#remember(id, name, image, time, '', undefined);
  }

  // The entries of one object (by full id) or of all, within a range, oldest first.
  entries(filter: TimeRange & { id?: string } = {}): TimelineEntry[] {
    const since = toMs(filter.since, -Infinity);
    const until = toMs(filter.until, Infinity);
    const out: TimelineEntry[] = [];
    for (const entry of this.#entries.newestFirst()) {
      if (entry.time < since) break;
      if (entry.time <= until && (filter.id === undefined || entry.id === filter.id)) out.push(entry);
    }
    return out.reverse();
  }

  // A container by full id, id prefix (4+ characters, unique), current name, or earlier name.
  resolve(idOrName: string): KnownContainer | undefined {
    const wanted = idOrName.replace(/^\//, '');
    const exact = this.#containers.get(wanted);
    if (exact) return exact;
    const all = [...this.#containers.values()].reverse();
    const byName = all.find((c) => c.name === wanted) ?? all.find((c) => c.formerNames.includes(wanted));
    if (byName) return byName;
    if (wanted.length < 4) return undefined;
    const byPrefix = all.filter((c) => c.id.startsWith(wanted));
    return byPrefix.length === 1 ? byPrefix[0] : undefined;
  }

  containers(): KnownContainer[] {
    return [...this.#containers.values()];
  }

  #remember(id: string, name: string, image: string, time: number, action: string, oldName: string | undefined): void {
    let known = this.#containers.get(id);
    if (!known) {
      known = { id, name, image, formerNames: [], lastEventAt: time, destroyed: false };
      this.#containers.set(id, known);
      if (this.#containers.size > this.#maxContainers) this.#evictOne();
    }
    if (name && name !== known.name) {
      if (known.name && !known.formerNames.includes(known.name)) known.formerNames.push(known.name);
      known.name = name;
    }
    if (oldName && !known.formerNames.includes(oldName) && oldName !== known.name) known.formerNames.push(oldName);
    if (image) known.image = image;
    known.lastEventAt = Math.max(known.lastEventAt, time);
    if (action === 'destroy') known.destroyed = true;
  }

  // Forgets the destroyed container seen longest ago (or, if none is destroyed, the oldest).
  #evictOne(): void {
    let victim: KnownContainer | undefined;
    for (const c of this.#containers.values()) {
      if (c.destroyed && (!victim || c.lastEventAt < victim.lastEventAt)) victim = c;
    }
    victim ??= this.#containers.values().next().value;
    if (victim) this.#containers.delete(victim.id);
  }
}

function toMs(value: number | Date | undefined, fallback: number): number {
  return value === undefined ? fallback : value instanceof Date ? value.getTime() : value;
}
