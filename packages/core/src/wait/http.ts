// Waits until an HTTP endpoint of the container answers with the expected status.
import { pollUntil } from './backoff.js';
import type { WaitContext, WaitStrategy } from './context.js';

export interface HttpWaitOptions {
  /** Expected status, or a predicate on it. Default: any 2xx. */
  status?: number | ((status: number) => boolean);
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Also require the response body to satisfy this. */
  bodyPredicate?: (body: string) => boolean;
  https?: boolean;
}

export class HttpWait implements WaitStrategy {
  readonly description: string;
  readonly #path: string;
  readonly #port: number;
  readonly #options: HttpWaitOptions;
  /** The status of the last answer, for the failure message. */
  lastStatus: number | undefined;

  constructor(path: string, port: number, options: HttpWaitOptions = {}) {
    this.#path = path.startsWith('/') ? path : `/${path}`;
    this.#port = port;
    this.#options = options;
    this.description = `HTTP ${options.method ?? 'GET'} ${this.#path} on ${port}${typeof options.status === 'number' ? ` -> ${options.status}` : ''}`;
  }

  #statusOk(status: number): boolean {
    const expected = this.#options.status;
    if (expected === undefined) return status >= 200 && status < 300;
    return typeof expected === 'number' ? status === expected : expected(status);
  }

  async wait(context: WaitContext): Promise<void> {
    const host = context.container.host.includes(':') ? `[${context.container.host}]` : context.container.host;
    const url = `${this.#options.https ? 'https' : 'http'}://${host}:${context.container.hostPort(this.#port)}${this.#path}`;
    await pollUntil(async () => {
      try {
        const response = await fetch(url, {
          method: this.#options.method ?? 'GET',
          ...(this.#options.headers ? { headers: this.#options.headers } : {}),
          ...(this.#options.body !== undefined ? { body: this.#options.body } : {}),
          signal: AbortSignal.any([context.signal, AbortSignal.timeout(2000)]),
        });
        this.lastStatus = response.status;
        const body = await response.text();
        return this.#statusOk(response.status) && (this.#options.bodyPredicate?.(body) ?? true);
      } catch (error) {
        if (context.signal.aborted) throw error;
        return false;
      }
    }, { signal: context.signal, initialMs: 25, maxMs: 500 });
  }
}
