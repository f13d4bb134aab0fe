// The plain data a run hands to the processes that run tests: the connections, which container
// serves each service, and where the starting process answers isolate and diagnostics requests.
import { RunOptionError } from './errors.js';

/** One started service, as a worker sees it. */
export interface RunServiceInfo {
  kind: string;
  /** The container's id; null when the service was brought by the environment. */
  containerId: string | null;
  reused: boolean;
}

/**
 * What a test process needs to use a run: structured-cloneable and JSON-safe. It holds the
 * services' passwords: hand it to test processes, never print it.
 */
export interface RunHandle<C extends Record<string, unknown> = Record<string, unknown>> {
  version: 1;
  /** The Docker session whose labels every resource of the run carries. */
  sessionId: string;
  /** `http://127.0.0.1:<port>`: the run's coordinator in the process that started it. */
  endpoint: string;
  /** Sent as a bearer token with each request to `endpoint`. */
  token: string;
  connections: C;
  services: Record<keyof C & string, RunServiceInfo>;
  /** When the services were ready (ISO 8601). */
  startedAt: string;
}

// Shown instead of the value: core's InvalidOptionError would quote it the same way.
const NOT_SHOWN = JSON.stringify('(not shown: it may hold passwords)');

/** The environment variable that hands a run to child processes, as the handle's JSON. */
export const RUN_HANDLE_ENV = 'DOCKER_WRAPPER_RUN';

// Checks data that claims to be a run handle (from an env variable, provide/inject, a file).
export function parseRunHandle(value: unknown, source: string): RunHandle {
  const data = typeof value === 'string' ? parseJson(value, source) : value;
  const handle = data as Partial<RunHandle> | null;
  const ok = handle !== null && typeof handle === 'object' && handle.version === 1 && typeof handle.sessionId === 'string'
    && typeof handle.endpoint === 'string' && /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+$/.test(handle.endpoint)
    && typeof handle.token === 'string' && typeof handle.connections === 'object' && handle.connections !== null
    && typeof handle.services === 'object' && handle.services !== null;
  if (!ok) throw new RunOptionError(source, NOT_SHOWN, 'Expected the run handle that a docker-wrapper run hands to its test processes (version 1).');
  return handle as RunHandle;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RunOptionError(source, NOT_SHOWN, 'Expected the JSON of a docker-wrapper run handle.');
  }
}
