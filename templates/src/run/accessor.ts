// The `services()` function the adapters hand to tests: plain connections at once, a process's
// own isolated connections on request, diagnostics for a failed test. Each adapter says where the
// handle comes from (inject, an env variable, a fixture) and what the isolation key is.
import { RunClient, type RunDiagnostics } from './client.js';
import type { RunHandle } from './handle.js';

export interface ServicesAccessor<C extends Record<string, unknown>> {
  /** Every service's connection: plain data, shared by all test processes. */
  (): C;
  /** This process's own connection of one service (a database, a logical db, a topic prefix). */
  isolated<K extends keyof C & string>(service: K, key?: string): Promise<C[K]>;
  /** This process's own connections of every service. */
  isolatedAll(key?: string): Promise<C>;
  /** What the engine saw of the services in a time range, for a failed test. */
  diagnostics(range?: { since?: number | Date; until?: number | Date; logLines?: number }): Promise<RunDiagnostics>;
  /** The run's plain handle. */
  handle(): RunHandle<C>;
}

export interface AccessorSource {
  /** The handle of the current run (throws a clear error where there is none). */
  handle(): RunHandle;
  /** The isolation key of this process (a worker or pool id). */
  key(): string;
}

// Builds the accessor; the client is made once per handle (a watch re-run may bring a new one).
export function createServicesAccessor<C extends Record<string, unknown>>(source: AccessorSource): ServicesAccessor<C> {
  let client: RunClient<C> | undefined;
  const current = (): RunClient<C> => {
    const handle = source.handle() as RunHandle<C>;
    if (client?.handle.token !== handle.token) client = new RunClient(handle);
    return client;
  };
  const accessor = (() => current().connections) as ServicesAccessor<C>;
  accessor.isolated = (service, key) => current().isolate(service, key ?? source.key());
  accessor.isolatedAll = (key) => current().isolateAll(key ?? source.key());
  accessor.diagnostics = (range = {}) => current().diagnostics(range);
  accessor.handle = () => current().handle;
  return accessor;
}
