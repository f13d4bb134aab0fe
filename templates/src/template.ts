// What every service template shares: plain serialisable options plus `start()`, and a service
// handle whose `connection` is plain data that can cross process boundaries (workers, fixtures).
import type { Container, Docker, PullPolicy } from '@docker-wrapper/core';

/** Options every template accepts. */
export interface CommonOptions {
  /** Full image reference; by default the official image at `version`. */
  image?: string;
  /** Reuse a running container with the same spec, across processes and runs (default false). */
  reuse?: boolean;
  /** One budget for pull, create, start and readiness in ms (default 60 000). */
  startupTimeout?: number;
  pull?: PullPolicy;
  /**
   * The host port to publish the service on. By default a free one is picked at start; either way
   * it stays the same across `restart()`, a stop and start, and a restart by the daemon.
   */
  hostPort?: number;
}

export interface ServiceRestartOptions {
  /** Budget for the restart and readiness in ms (default 60 000). */
  timeout?: number;
  signal?: AbortSignal;
}

export interface StartOptions {
  signal?: AbortSignal;
}

/** A started service. `connection` is plain, serialisable data. */
export interface Service<C> extends AsyncDisposable {
  readonly kind: string;
  readonly connection: C;
  /** The container; undefined when the service was brought by the environment (bring-your-own). */
  readonly container: Container | undefined;
  /**
   * A service made of several containers (a compose stack): each by its name. Diagnostics report
   * each one as `<service>.<name>`.
   */
  readonly containers?: Readonly<Record<string, Container>>;
  /** True when an already-running container was reused. With `reuse: true`, stop() leaves the container running either way. */
  readonly reused: boolean;
  /** A connection that no other `isolate()` key shares (a database, a logical db, a topic prefix). */
  isolate(key: string): Promise<C>;
  /**
   * Restarts the container (`docker restart`: same container, data and host port, so the same
   * `connection`) and resolves once the service is ready again. Not for bring-your-own services.
   * Every built-in template's service has it; a template of your own may leave it out.
   */
  restart?(options?: ServiceRestartOptions): Promise<void>;
  /** Removes the container (not when reused or bring-your-own). */
  stop(): Promise<void>;
}

/** A template: plain options plus `start()`. The same object is what the adapters accept. */
export interface Template<C, S extends Service<C> = Service<C>> {
  readonly kind: string;
  readonly options: Readonly<object>;
  start(docker: Docker, options?: StartOptions): Promise<S>;
}

/** The connection type of a template. */
export type ConnectionOf<T> = T extends Template<infer C, Service<infer C>> ? C : never;
