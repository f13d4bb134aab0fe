// What every started service has in common: its plain connection, its container (none when
// brought by the environment), whether it was reused, and a stop() that is safe to call twice.
import type { Container } from '@docker-wrapper/core';
import type { Service } from './template.js';

export interface ServiceParts<C> {
  connection: C;
  container: Container | undefined;
  reused: boolean;
  /** Removes what the template made (a no-op when reused, kept or brought by the environment). */
  remove: () => Promise<void>;
}

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

  /** Work to finish before the container goes (background tasks, open sessions). */
  protected beforeStop(): Promise<void> {
    return Promise.resolve();
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
