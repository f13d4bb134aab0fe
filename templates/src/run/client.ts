// A test process's view of a run: the plain connections from the handle, and isolate and
// diagnostics answered by the run's coordinator in the process that started the services.
// Imports nothing at run time but Node and its own folder: it also loads in CommonJS sandboxes.
import { request } from 'node:http';
import type { DiagnosticsReport } from '@docker-wrapper/core';
import { RunConnectionError, RunOptionError, RunRequestError } from './errors.js';
import type { RunHandle } from './handle.js';
import type { DiagnosticsRequest, WireError } from './protocol.js';
import { suggestName } from './suggest.js';

export interface RunDiagnostics {
  /** One block per service with a container; '' when there is none. */
  text: string;
  reports: Record<string, DiagnosticsReport>;
}

const TIMEOUT_MS = 120_000;

// Talks to the coordinator of one run; holds no docker session and starts no docker process.
export class RunClient<C extends Record<string, unknown> = Record<string, unknown>> {
  readonly handle: RunHandle<C>;
  readonly #isolated = new Map<string, Promise<unknown>>();

  constructor(handle: RunHandle<C>) {
    this.handle = handle;
  }

  get connections(): C {
    return this.handle.connections;
  }

  /** The service's own connection for `key`: the same for every process asking with that key. */
  isolate<K extends keyof C & string>(service: K, key: string): Promise<C[K]> {
    this.#checkService(service);
    const id = `${service}\0${key}`;
    let pending = this.#isolated.get(id);
    if (!pending) {
      pending = this.#post<{ connection: C[K] }>('/isolate', { service, key }).then((answer) => answer.connection);
      this.#isolated.set(id, pending);
      pending.catch(() => this.#isolated.delete(id));
    }
    return pending as Promise<C[K]>;
  }

  /** Every service's own connection for `key`. */
  async isolateAll(key: string): Promise<C> {
    const names = Object.keys(this.handle.connections);
    const all = await Promise.all(names.map((name) => this.isolate(name as keyof C & string, key)));
    return Object.fromEntries(names.map((name, i) => [name, all[i]])) as C;
  }

  /** What the engine saw of the services in a time range (for a failed test), secrets masked. */
  diagnostics(range: { since?: number | Date; until?: number | Date; logLines?: number } = {}): Promise<RunDiagnostics> {
    const body: DiagnosticsRequest = {};
    if (range.since !== undefined) body.since = +range.since;
    if (range.until !== undefined) body.until = +range.until;
    if (range.logLines !== undefined) body.logLines = range.logLines;
    return this.#post<RunDiagnostics>('/diagnostics', body);
  }

  #checkService(service: string): void {
    const names = Object.keys(this.handle.connections);
    if (!names.includes(service)) throw new RunOptionError('service', JSON.stringify(service), `This run has no such service.${suggestName(service, names)} Services: ${names.join(', ')}.`);
  }

  #post<T>(path: string, body: unknown): Promise<T> {
    const text = JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(`${this.handle.endpoint}${path}`, {
        method: 'POST',
        agent: false,
        timeout: TIMEOUT_MS,
        headers: { authorization: `Bearer ${this.handle.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T & { error?: WireError };
            if (answer.error) reject(new RunRequestError(answer.error));
            else resolve(answer);
          } catch (cause) {
            reject(new RunConnectionError(`The run's coordinator at ${this.handle.endpoint} answered ${res.statusCode ?? '?'} with no JSON.`, { cause }));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', (cause) => reject(new RunConnectionError(`The run's coordinator at ${this.handle.endpoint} (in the process that started the services) did not answer ${path}: ${cause.message}. Has the run ended?`, { cause })));
      req.end(text);
    });
  }
}
