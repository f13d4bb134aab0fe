// The global setup the user's config names: starts the services in Playwright's runner process
// before any worker, hands them to workers through an environment variable, stops them at the end.
import type { FullConfig } from '@playwright/test';
import { startRun, type Run, type RunOptions, type TemplateMap } from '@docker-wrapper/templates';
import { checkServices, normalizeSetupOptions, type ServicesMode, type ServicesSetupOptions } from './options.js';
import { RUN_ENV, encodeRunEnvelope } from './run-env.js';

/** Playwright's global setup: what `globalSetup` runs; it returns its teardown. */
export type ServicesGlobalSetup = (config: FullConfig) => Promise<() => Promise<void>>;

/**
 * Makes the global setup that starts the services once per Playwright run: export it as the
 * default of the module holding the services map and name that module in `globalSetup`.
 * Shared mode starts one set of containers (each worker gets a database of its own); per-worker
 * mode starts one set per worker slot (`workers`), so a worker restarted after a failure gets
 * its slot's containers again.
 * @example
 * // tests/services.ts, named in playwright.config.ts as `globalSetup: './tests/services.ts'`
 * export const services = { db: postgres(), cache: redis() };
 * export default servicesSetup(services);
 */
export function servicesSetup<M extends TemplateMap>(services: M, options: ServicesSetupOptions = {}): ServicesGlobalSetup {
  const map = checkServices('servicesSetup() services', services);
  const { mode, ...rest } = normalizeSetupOptions(options);
  const runOptions: RunOptions = { diagnostics: rest.diagnostics ?? true };
  if (rest.reuse !== undefined) runOptions.reuse = rest.reuse;
  if (rest.keep !== undefined) runOptions.keep = rest.keep;
  if (rest.docker !== undefined) runOptions.docker = rest.docker;
  return async (config) => {
    const runs = await startAll(map, runOptions, mode, config.workers);
    const previous = process.env[RUN_ENV];
    process.env[RUN_ENV] = encodeRunEnvelope({ mode, runs: runs.map((run) => run.handle) });
    return async () => {
      if (previous === undefined) delete process.env[RUN_ENV];
      else process.env[RUN_ENV] = previous;
      await stopAll(runs);
    };
  };
}

// Each slot is a session of its own (its own sweep and reaper): a given session id gets the
// slot's number, so two slots never sweep one session at the same time.
function slotOptions(options: RunOptions, slot: number): RunOptions {
  const sessionId = options.docker?.sessionId;
  if (sessionId === undefined) return options;
  return { ...options, docker: { ...options.docker, sessionId: `${sessionId}-w${slot}` } };
}

// Starts the one shared run, or a run per worker slot side by side; if one fails, the others are
// stopped and its error is thrown.
async function startAll(map: TemplateMap, options: RunOptions, mode: ServicesMode, workers: number): Promise<Run<TemplateMap>[]> {
  if (mode === 'shared') return [await startRun(map, options)];
  // A template's own `reuse: true` would hand every slot the first slot's container: off here.
  const own = { ...options, reuse: false };
  const settled = await Promise.allSettled(Array.from({ length: workers }, (_, slot) => startRun(map, slotOptions(own, slot))));
  const runs = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) {
    await stopAll(runs).catch(() => undefined);
    throw failure.reason;
  }
  return runs;
}

async function stopAll(runs: readonly Run<TemplateMap>[]): Promise<void> {
  const failure = (await Promise.allSettled(runs.map((run) => run.stop()))).find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
