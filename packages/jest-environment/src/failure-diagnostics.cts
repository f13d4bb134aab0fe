// What a failed test gets in Jest's output: the services' diagnostics for its own time range
// (state, OOM kills and restarts, events, CPU and memory, last log lines; secrets masked), as one
// more error of the test. Jest prints a test's errors under it and puts them in `failureMessages`
// of the JSON report; a passing test gets nothing. Runs in the worker, outside the module registry.
import type { Circus } from '@jest/types';
import { RunClient, type RunDiagnostics } from '@docker-wrapper/templates/worker';
import { readRunHandle } from './run-handle.cjs';

type Event = Circus.AsyncEvent | Circus.SyncEvent;

/** The error a failed test gets: its message is the diagnostics text, `diagnostics` the reports. */
export interface DiagnosticsError extends Error {
  diagnostics: RunDiagnostics['reports'];
}

// An error whose message is the whole report, with no stack frames (they would point here, not at
// the test). A test's error keeps its name in the stack; a file's (Jest prints the message, then
// the stack) gets an empty one, so the report is printed once.
function diagnosticsError(title: string, diagnostics: RunDiagnostics, scope: 'test' | 'file'): DiagnosticsError {
  const error = new Error(`${title} (docker-wrapper):\n${diagnostics.text}`) as DiagnosticsError;
  error.name = 'DockerWrapperDiagnostics';
  error.stack = scope === 'test' ? `${error.name}: ${error.message}` : '';
  error.diagnostics = diagnostics.reports;
  return error;
}

/**
 * Jest's test events in, diagnostics out: call its `handleTestEvent` from your environment's
 * (the environments of this package do) to give failed tests the services' diagnostics.
 */
export class ServicesDiagnostics {
  readonly #env: NodeJS.ProcessEnv;
  readonly #started = new WeakMap<Circus.TestEntry, number>();
  readonly #fileStarted = Date.now();
  #client: RunClient | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
  }

  /** Records when each test starts; adds the report to a test that ends with errors (its function or a hook failed) and to an `afterAll` failure. */
  async handleTestEvent(event: Event, state: Circus.State): Promise<void> {
    if (event.name === 'test_start') {
      this.#started.set(event.test, Date.now());
    } else if (event.name === 'test_done' && event.test.errors.length > 0) {
      const error = await this.#report('The services during this test', this.#started.get(event.test) ?? this.#fileStarted, 'test');
      if (error) event.test.errors.push(error);
    } else if (event.name === 'hook_failure' && event.hook.type === 'afterAll') {
      const error = await this.#report('The services during this test file', this.#fileStarted, 'file');
      if (error) state.unhandledErrors.push(error);
    }
  }

  async #report(title: string, since: number, scope: 'test' | 'file'): Promise<Error | undefined> {
    const handle = readRunHandle(this.#env);
    if (!handle) return undefined;
    // Read anew from the environment each time: the same run has the same token.
    if (this.#client?.handle.token !== handle.token) this.#client = new RunClient(handle);
    try {
      const diagnostics = await this.#client.diagnostics({ since, until: Date.now() });
      return diagnostics.text ? diagnosticsError(title, diagnostics, scope) : undefined;
    } catch (error) {
      return new Error(`docker-wrapper: the services' diagnostics could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
