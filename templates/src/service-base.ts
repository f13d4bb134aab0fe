// What every started service has in common: its plain connection, its container (none when
// brought by the environment), whether it was reused, restart() that waits until the service is
// ready again, and a stop() that is safe to call twice.
import type { Container, WaitStrategy } from '@docker-wrapper/core';
import { DockerWrapperError, InvalidOptionError } from '@docker-wrapper/core';
import { validateTimeout } from './options.js';
import type { Service, ServiceRestartOptions } from './template.js';

export interface ServiceParts<C> {
  connection: C;
  container: Container | undefined;
  reused: boolean;
  /** Removes what the template made (a no-op when reused, kept or brought by the environment). */
  remove: () => Promise<void>;
}

const RESTART_TIMEOUT_MS = 60_000;

export abstract class ServiceBase<C> implements Service<C> {
  abstract readonly kind: string;
  readonly connection: C;
  readonly container: Container | undefined;
  readonly reused: boolean;
  readonly #remove: () => Promise<void>;
  #stopping: Promise<void> | undefined;

  constructor(parts: ServiceParts<C>) {
    this.connection = parts.connection;
    this.container = parts.container;
    this.reused = parts.reused;
    this.#remove = parts.remove;
  }

  abstract isolate(key: string): Promise<C>;

  /** What tells that the service answers again after its container restarted (none: that it runs). */
  protected readyAgain(): WaitStrategy | undefined {
    return undefined;
  }

  /** Work to finish before the container goes (background tasks, open sessions). */
  protected beforeStop(): Promise<void> {
    return Promise.resolve();
  }

  /** Work to finish before the container restarts (by default what precedes a stop). */
  protected beforeRestart(): Promise<void> {
    return this.beforeStop();
  }

  // Restarts the container and resolves when the service is ready again: the same container, data
  // and host port, so `connection` stays valid (clients reconnect to the same address).
  async restart(options: ServiceRestartOptions = {}): Promise<void> {
    const container = this.container;
    if (!container) throw new InvalidOptionError('restart', 'bring-your-own', `This ${this.kind} service comes from the environment: there is no container to restart.`);
    const timeoutMs = validateTimeout('restart.timeout', options.timeout) ?? RESTART_TIMEOUT_MS;
    if (this.#stopping) throw new DockerWrapperError('CLOSED', `This ${this.kind} service (${container.name}) was stopped: there is nothing to restart.`);
    await this.beforeRestart();
    const waitFor = this.readyAgain();
    await container.restart({ timeoutMs, ...(waitFor ? { waitFor } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  }

  // Stops the service; safe to call more than once.
  stop(): Promise<void> {
    this.#stopping ??= this.beforeStop().then(() => this.#remove());
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
