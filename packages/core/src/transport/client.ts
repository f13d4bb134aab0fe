// The Engine API over a small pool of `docker system dial-stdio` connections, kept alive between
// calls. The pool grows with parallel calls (each connection is one process) up to `maxConnections`.
import http from 'node:http';
import type { ProcessWatcher } from '../cli/executor.js';
import { dialStdio, type DialedSocket } from './dial-stdio.js';
import { queryString, type ApiRoute } from './route.js';

export interface ApiClientOptions {
  binary: string;
  env: Record<string, string | undefined>;
  /** Most connections open at once (default 16); calls beyond wait for a free one. */
  maxConnections?: number;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export type ApiFailureKind = 'timeout' | 'aborted' | 'connection';

// A call that got no answer: timed out, aborted, or its connection failed (the process's standard
// error says why, as the CLI would have).
export class ApiTransportError extends Error {
  readonly kind: ApiFailureKind;
  readonly stderr: string;
  readonly errno: string | undefined;
  /** Sent on a kept-alive connection that turned out dead, with no answer: safe to send again. */
  readonly staleConnection: boolean;
  constructor(kind: ApiFailureKind, message: string, details: { stderr?: string; errno?: string | undefined; cause?: unknown; staleConnection?: boolean } = {}) {
    super(message, { cause: details.cause });
    this.name = 'ApiTransportError';
    this.kind = kind;
    this.stderr = details.stderr ?? '';
    this.errno = details.errno;
    this.staleConnection = details.staleConnection ?? false;
  }
}

interface RequestOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Below the API version prefix (default true). */
  versioned?: boolean;
}

export class ApiClient {
  readonly #agent: http.Agent;
  readonly #dial: { binary: string; env: Record<string, string | undefined>; watcher?: ProcessWatcher | undefined };
  #prefix = '';
  #closed = false;
  /** Connections (dial-stdio processes) opened so far. */
  connectionsOpened = 0;

  constructor(options: ApiClientOptions) {
    this.#dial = { binary: options.binary, env: options.env };
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: options.maxConnections ?? 16 });
    // node's agent types createConnection for net sockets; a dial-stdio socket is a Duplex.
    (this.#agent as unknown as { createConnection: () => DialedSocket }).createConnection = () => {
      this.connectionsOpened++;
      return dialStdio(this.#dial);
    };
  }

  // From now on, tells `watcher` about every dial-stdio process (the reaper kills those left).
  watchProcesses(watcher: ProcessWatcher): void {
    this.#dial.watcher = watcher;
  }

  // Speaks the server's API version from now on (`1.41` -> `/v1.41/...`).
  useVersion(apiVersion: string): void {
    this.#prefix = /^\d+\.\d+$/.test(apiVersion) ? `/v${apiVersion}` : '';
  }

  // Opens a connection and checks the engine answers on it (`GET /_ping`).
  async ping(timeoutMs: number): Promise<void> {
    const { status } = await this.request({ method: 'GET', path: '/_ping', parse: () => undefined }, { timeoutMs, versioned: false });
    if (status !== 200) throw new ApiTransportError('connection', `GET /_ping answered ${status}`);
  }

  // Sends one request and decodes the answer, whatever its status. A kept-alive connection can die
  // while idle (its process killed, the engine restarted) just as a request goes out on it: such a
  // request, which got no answer, is sent once more on a new connection.
  async request(route: ApiRoute<unknown>, options: RequestOptions): Promise<ApiResponse> {
    try {
      return await this.#send(route, options);
    } catch (error) {
      if (!(error instanceof ApiTransportError && error.staleConnection)) throw error;
      return this.#send(route, options);
    }
  }

  #send(route: ApiRoute<unknown>, options: RequestOptions): Promise<ApiResponse> {
    if (this.#closed) return Promise.reject(new ApiTransportError('connection', 'the API connections are closed'));
    const path = `${options.versioned === false ? '' : this.#prefix}${route.path}${queryString(route.query)}`;
    const payload = route.body === undefined ? undefined : Buffer.from(JSON.stringify(route.body));
    return new Promise<ApiResponse>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const request = http.request({
        agent: this.#agent,
        method: route.method,
        host: 'docker',
        path,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      });
      let answered = false;
      const fail = (kind: ApiFailureKind, message: string, cause?: unknown) => {
        const socket = request.socket as DialedSocket | null;
        const staleConnection = kind === 'connection' && request.reusedSocket && !answered;
        settle(() => reject(new ApiTransportError(kind, message, { stderr: socket?.stderrText?.() ?? '', errno: socket?.spawnErrno, cause, staleConnection })));
        request.destroy();
      };
      const timer = setTimeout(() => fail('timeout', `no answer within ${options.timeoutMs} ms`), options.timeoutMs);
      const onAbort = () => fail('aborted', 'aborted', options.signal?.reason);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => void failConnection(error));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = /json/.test(String(response.headers['content-type'] ?? ''));
          let body: unknown = text === '' ? undefined : text;
          if (json && text !== '') {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          settle(() => resolve({ status: response.statusCode ?? 0, body }));
        });
      });
      // The connection failed: wait briefly for its process to exit, whose standard error says why.
      const failConnection = async (error: Error) => {
        const socket = request.socket as DialedSocket | null;
        if (socket?.exited) await Promise.race([socket.exited, new Promise((r) => setTimeout(r, 1000).unref())]);
        fail('connection', error.message, error);
      };
      request.on('error', (error) => void failConnection(error));
      request.end(payload);
    });
  }

  // Ends every connection and its process; later requests fail at once.
  close(): void {
    this.#closed = true;
    this.#agent.destroy();
  }
}
