// Public API of @docker-wrapper/jest/runtime (the test side): `services()` in any test file,
// CommonJS (`require`) or ESM (`import`). Plain CommonJS that requires only Node and the run's
// worker side: nothing ESM-only enters Jest's module registry.
import type { ConnectionsOf, TemplateMap } from '@docker-wrapper/templates';
import { RUN_HANDLE_ENV, createServicesAccessor, type RunHandle, type ServicesAccessor } from '@docker-wrapper/templates/worker';
import { readRunHandle } from './run-handle.cjs';

/**
 * Declares the services of the run for `services()`, from the config file or a services map:
 * `import type config from './docker-wrapper.config.mjs';`
 * `declare module '@docker-wrapper/jest/runtime' { interface Register { config: typeof config } }`
 * (or `{ services: typeof myServices }` for a map of templates)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Register {}

/** The connections `services()` returns: typed from `Register`, else loosely. */
export type RegisteredConnections = Register extends { config: { services: infer M extends TemplateMap } }
  ? ConnectionsOf<M>
  : Register extends { services: infer M extends TemplateMap }
    ? ConnectionsOf<M>
    : Record<string, Record<string, unknown>>;

// This worker's isolation key: the same for every file a worker runs, distinct between workers.
function workerKey(): string {
  return `jest-${process.env.JEST_WORKER_ID ?? String(process.pid)}`;
}

function handle(): RunHandle {
  const found = readRunHandle(process.env);
  if (!found) throw new Error(`No docker-wrapper run in this Jest process (${RUN_HANDLE_ENV} is not set): use \`preset: '@docker-wrapper/jest'\` in the Jest config, or name \`globalSetup: '@docker-wrapper/jest/global-setup'\` and its teardown.`);
  return found;
}

/** The same accessor typed from a template map: `const services = servicesOf<typeof myServices>()`. */
export function servicesOf<M extends TemplateMap>(): ServicesAccessor<ConnectionsOf<M> & Record<string, unknown>> {
  return createServicesAccessor({ handle, key: workerKey });
}

/**
 * The run's services: `services().db.url`, `await services.isolated('db')` (this worker's own).
 * @example
 * const { services } = require('@docker-wrapper/jest/runtime');
 * test('repository', async () => {
 *   const { db } = services();
 *   const mine = await services.isolated('db');
 * });
 */
export const services: ServicesAccessor<RegisteredConnections & Record<string, unknown>> = createServicesAccessor({ handle, key: workerKey });
