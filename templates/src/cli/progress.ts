// The progress of `up`: each service's image, whether it is starting (and what it waits for),
// ready (in how long) or failed. A live table redrawn on a terminal, plain lines otherwise.
import { createLogUpdate } from 'log-update';
import type { Output } from './output.js';
import { formatDuration, formatTable } from './table.js';

export type Phase = 'waiting' | 'starting' | 'ready' | 'failed';

export interface ServiceProgress {
  name: string;
  kind: string;
  image: string;
  phase: Phase;
  /** Since the service began starting, when it ended (ready or failed). */
  ms?: number;
}

// What readiness means for each kind the templates know (what `starting` waits for).
const WAITS_FOR: Record<string, string> = {
  postgres: 'a query to answer',
  redis: 'PING to answer',
  kafka: 'its start line, its topics with leaders, then ListOffsets on every partition',
};

// What a service of `kind` waits for before it is ready, in words.
export function waitsFor(kind: string): string {
  return WAITS_FOR[kind] ?? 'its readiness checks';
}

// One service's state in words (pure).
export function describe(service: ServiceProgress): string {
  switch (service.phase) {
    case 'waiting': return 'queued';
    case 'starting': return `starting, waiting for ${waitsFor(service.kind)}`;
    case 'ready': return `ready in ${formatDuration(service.ms ?? 0)}`;
    case 'failed': return `failed after ${formatDuration(service.ms ?? 0)}`;
  }
}

// The whole table (pure).
export function renderProgress(services: readonly ServiceProgress[]): string {
  return formatTable(['SERVICE', 'KIND', 'IMAGE', 'STATE'], services.map((s) => [s.name, s.kind, s.image, describe(s)]));
}

export class Progress {
  readonly #services = new Map<string, ServiceProgress>();
  readonly #started = new Map<string, number>();
  readonly #output: Output;
  readonly #live: ReturnType<typeof createLogUpdate> | undefined;

  constructor(output: Output, services: readonly Omit<ServiceProgress, 'phase'>[]) {
    this.#output = output;
    for (const service of services) this.#services.set(service.name, { ...service, phase: 'waiting' });
    this.#live = output.live ? createLogUpdate(output.stream, { showCursor: true }) : undefined;
    this.#draw();
  }

  update(name: string, phase: Phase): void {
    const service = this.#services.get(name);
    if (!service) return;
    const now = performance.now();
    if (phase === 'starting') this.#started.set(name, now);
    const ms = phase === 'ready' || phase === 'failed' ? now - (this.#started.get(name) ?? now) : undefined;
    const next = { ...service, phase, ...(ms !== undefined ? { ms } : {}) };
    this.#services.set(name, next);
    if (this.#live) this.#draw();
    else this.#output.info(`${name}: ${next.image}: ${describe(next)}`);
  }

  /** Leaves the last table on the terminal. */
  done(): void {
    this.#live?.done();
  }

  #draw(): void {
    this.#live?.(renderProgress([...this.#services.values()]));
  }
}
