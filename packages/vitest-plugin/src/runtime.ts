// Public API of @docker-wrapper/vitest/runtime (the test side): `services()` in any test file.
// Values come from the worker entry only (no docker engine code: it loads in every test file);
// the main entry is imported for types, which vanish at run time.
import type { ConnectionsOf, TemplateMap } from '@docker-wrapper/templates';
import { createServicesAccessor, type ServicesAccessor } from '@docker-wrapper/templates/worker';
import { inject } from 'vitest';
import { PROVIDE_KEY } from './provide-key.js';

/**
 * Declares the services of the run for `services()`:
 * `import type { services as appServices } from './services.js';`
 * `declare module '@docker-wrapper/vitest/runtime' { interface Register { services: typeof appServices } }`
 * (imported under another name: inside the block, `services` is this module's accessor)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Register {}

/** The connections `services()` returns: typed from `Register`, else loosely. */
export type RegisteredConnections = Register extends { services: infer M extends TemplateMap } ? ConnectionsOf<M> : Record<string, Record<string, unknown>>;

// This worker's isolation key: the same for every file a worker runs, distinct between workers.
function workerKey(): string {
  return `vitest-${process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? String(process.pid)}`;
}

function handle() {
  const value = inject(PROVIDE_KEY);
  if (!value) throw new Error('No docker-wrapper run in this Vitest project: add `dockerServices({ services: ... })` from @docker-wrapper/vitest to its `plugins`.');
  return value;
}

/** The same accessor typed from a template map: `const services = servicesOf<typeof myServices>()`. */
export function servicesOf<M extends TemplateMap>(): ServicesAccessor<ConnectionsOf<M> & Record<string, unknown>> {
  return createServicesAccessor({ handle, key: workerKey });
}

/**
 * The run's services: `services().db.url`, `await services.isolated('db')` (this worker's own).
 * @example
 * const { db } = services();
 * const mine = await services.isolated('db');
 */
export const services: ServicesAccessor<RegisteredConnections & Record<string, unknown>> = createServicesAccessor({ handle, key: workerKey });
