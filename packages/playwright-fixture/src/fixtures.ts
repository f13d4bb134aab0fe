// withServices(): each service as a worker-scoped fixture of plain connection data, the run's
// accessor as `dockerServices`, and an automatic test fixture that attaches diagnostics to a
// failed test. Declares only: the fixtures run in Playwright's workers.
import type { TestInfo, TestType, WorkerInfo } from '@playwright/test';
import { createServicesAccessor, type ConnectionsOf, type ServicesAccessor, type TemplateMap } from '@docker-wrapper/templates';
import { attachDiagnostics } from './diagnostics.js';
import { checkServices, normalizeFixtureOptions, type ServicesMode, type WithServicesOptions } from './options.js';
import { RUN_ENV, checkRunMatches, parseRunEnvelope, runForWorker } from './run-env.js';

/** The run as a worker sees it: `services()`, `isolated()`, `diagnostics()`, `handle()`, and the mode. */
export interface RunServices<C extends Record<string, unknown>> extends ServicesAccessor<C> {
  readonly mode: ServicesMode;
}

/** The worker fixtures withServices() adds: one per service, and `dockerServices`. */
export type ServiceFixtures<M extends TemplateMap> = ConnectionsOf<M> & { dockerServices: RunServices<ConnectionsOf<M> & Record<string, unknown>> };

/** A map whose names leave the base test's fixtures alone (a clash is a type error on that name). */
export type ServicesFor<M extends TemplateMap, Taken> = M & { [K in keyof M & keyof Taken]: never };

// The worker's view of the run: from the variable the global setup set, its slot's run in
// per-worker mode, checked against the test file's map.
function workerServices(kinds: Record<string, { kind: string }>, workerInfo: WorkerInfo): RunServices<Record<string, unknown>> {
  const envelope = parseRunEnvelope(process.env[RUN_ENV]);
  const handle = runForWorker(envelope, workerInfo.parallelIndex);
  checkRunMatches(handle, kinds);
  // parallelIndex, not workerIndex: the worker Playwright starts after a failure gets the same one.
  const key = `playwright-${workerInfo.parallelIndex}`;
  return Object.assign(createServicesAccessor({ handle: () => handle, key: () => key }), { mode: envelope.mode });
}

/**
 * Adds the services to a Playwright test: each one a worker-scoped fixture of plain, typed
 * connection data (`db.url`), a database of the worker's own in shared mode. The services run
 * once per Playwright run, started by the global setup `servicesSetup()` makes from the same map.
 * @example
 * import { test as base } from '@playwright/test';
 * import { services } from './services';
 * export const test = withServices(base, services);
 * test('signs up', async ({ page, db }) => { ... });
 */
export function withServices<T extends object, W extends object, M extends TemplateMap>(
  base: TestType<T, W>,
  services: ServicesFor<M, T & W>,
  options: WithServicesOptions = {},
): TestType<T, W & ServiceFixtures<M>> {
  const map = checkServices('withServices() services', services);
  const { diagnostics = true } = normalizeFixtureOptions(options);
  const kinds = Object.fromEntries(Object.entries(map).map(([name, template]) => [name, { kind: template.kind }]));
  // Playwright reads a fixture's dependencies from its parameter list: the names below are literal.
  const fixtures: Record<string, unknown> = {
    dockerServices: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use: (value: RunServices<Record<string, unknown>>) => Promise<void>, workerInfo: WorkerInfo) => use(workerServices(kinds, workerInfo)),
      { scope: 'worker', box: true },
    ],
  };
  for (const name of Object.keys(map)) {
    fixtures[name] = [
      async ({ dockerServices }: { dockerServices: RunServices<Record<string, unknown>> }, use: (value: unknown) => Promise<void>) => {
        // Shared containers are split per worker; per-worker containers are the worker's own already.
        await use(dockerServices.mode === 'shared' ? await dockerServices.isolated(name) : dockerServices()[name]);
      },
      { scope: 'worker' },
    ];
  }
  if (diagnostics) {
    fixtures._dockerWrapperDiagnostics = [
      async ({ dockerServices }: { dockerServices: RunServices<Record<string, unknown>> }, use: () => Promise<void>, testInfo: TestInfo) => {
        const since = Date.now();
        await use();
        await attachDiagnostics(dockerServices, testInfo, since);
      },
      { auto: true, box: true },
    ];
  }
  return base.extend(fixtures as never) as unknown as TestType<T, W & ServiceFixtures<M>>;
}
