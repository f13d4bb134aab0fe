// How a run reaches Playwright's workers: the global setup sets one environment variable in the
// runner process before any worker starts, and every worker inherits it. Plain JSON (pure).
import { InvalidOptionError } from '@docker-wrapper/core';
import { parseRunHandle, type RunHandle } from '@docker-wrapper/templates';
import type { ServicesMode } from './options.js';

export const RUN_ENV = 'DOCKER_WRAPPER_PLAYWRIGHT_RUN';

/** What the global setup hands to workers: one run (shared) or one per worker slot (per-worker). */
export interface RunEnvelope {
  mode: ServicesMode;
  runs: RunHandle[];
}

const NOT_SHOWN = '(not shown: it may hold passwords)';

export function encodeRunEnvelope(envelope: RunEnvelope): string {
  return JSON.stringify(envelope);
}

// Reads the variable; a missing one means the config names no global setup of ours.
export function parseRunEnvelope(text: string | undefined): RunEnvelope {
  if (text === undefined || text === '') {
    throw new InvalidOptionError(RUN_ENV, text, 'No docker-wrapper run in this Playwright worker. Export `servicesSetup(services)` from @docker-wrapper/playwright as the default of a module (the one that holds the services map) and name that module in `globalSetup` in playwright.config.ts.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InvalidOptionError(RUN_ENV, NOT_SHOWN, 'Expected the JSON the docker-wrapper global setup writes.');
  }
  const envelope = data as Partial<RunEnvelope> | null;
  if (envelope === null || typeof envelope !== 'object' || (envelope.mode !== 'shared' && envelope.mode !== 'per-worker') || !Array.isArray(envelope.runs) || envelope.runs.length === 0) {
    throw new InvalidOptionError(RUN_ENV, NOT_SHOWN, 'Expected `{ mode, runs }` as the docker-wrapper global setup writes it.');
  }
  return { mode: envelope.mode, runs: envelope.runs.map((run, i) => parseRunHandle(run, `${RUN_ENV}.runs[${i}]`)) };
}

// The run a worker uses: the one run, or its slot's in per-worker mode (the same after a restart).
export function runForWorker(envelope: RunEnvelope, parallelIndex: number): RunHandle {
  if (envelope.mode === 'shared') return envelope.runs[0] as RunHandle;
  const run = envelope.runs[parallelIndex];
  if (!run) {
    throw new InvalidOptionError('parallelIndex', parallelIndex, `The global setup started ${envelope.runs.length} set(s) of services, one per worker of \`workers\` in the config; this worker's slot has none. Was \`workers\` raised after the global setup ran?`);
  }
  return run;
}

// Refuses a run started for other services than the test file's map, naming the difference.
export function checkRunMatches(handle: RunHandle, services: Record<string, { kind: string }>): void {
  const wanted = Object.keys(services).sort();
  const started = Object.keys(handle.services).sort();
  const missing = wanted.filter((name) => !started.includes(name));
  const extra = started.filter((name) => !wanted.includes(name));
  const kinds = wanted.filter((name) => started.includes(name) && handle.services[name]?.kind !== services[name]?.kind);
  if (missing.length === 0 && extra.length === 0 && kinds.length === 0) return;
  const parts = [
    missing.length > 0 ? `not started: ${missing.join(', ')}` : '',
    extra.length > 0 ? `started but not in withServices(): ${extra.join(', ')}` : '',
    ...kinds.map((name) => `${name} is ${handle.services[name]?.kind ?? '?'} in the run, ${services[name]?.kind ?? '?'} in withServices()`),
  ].filter(Boolean);
  throw new InvalidOptionError('withServices() services', wanted, `The global setup started other services (${parts.join('; ')}). Give servicesSetup() and withServices() the same map: export it from one module and import it in both.`);
}
