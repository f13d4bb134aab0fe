// A started compose stack: plain connection data per compose service, the containers, and a stop()
// that runs `down -v --remove-orphans` (safe to call twice).
import type { Container } from '@docker-wrapper/core';
import type { Service } from '../template.js';

/** How one compose service is reached. */
export interface ComposeServiceConnection {
  /** Where its published ports are reached from this process. */
  host: string;
  /** Host port of each published TCP container port: `{ 5432: 49153 }`. */
  ports: Record<number, number>;
  /** Its name on the project's networks: how other containers of the stack reach it. */
  hostname: string;
  /** The container's name. */
  container: string;
  /** The networks it is on. */
  networks: string[];
}

/** The connection of a `compose()` stack: plain data. */
export interface ComposeConnection {
  /** The compose project of this start (one per start: `docker compose -p <project> ...`). */
  project: string;
  /** The compose file. */
  file: string;
  /** Every compose service that runs, by its name in the file. */
  services: Record<string, ComposeServiceConnection>;
}

// The connection of one service container (pure, from its inspect data).
export function serviceConnection(service: string, container: Container): ComposeServiceConnection {
  const ports: Record<number, number> = {};
  for (const [key, bindings] of Object.entries(container.info.ports)) {
    const [port, protocol] = key.split('/');
    const hostPort = bindings.find((b) => b.hostPort > 0)?.hostPort;
    if (protocol === 'tcp' && hostPort) ports[Number(port)] = hostPort;
  }
  return { host: container.host, ports, hostname: service, container: container.name, networks: Object.keys(container.info.networks) };
}

export class ComposeService implements Service<ComposeConnection> {
  readonly kind = 'compose';
  readonly connection: ComposeConnection;
  /** No single container: see `containers`. */
  readonly container = undefined;
  /** Each compose service's container (the first replica when scaled). */
  readonly containers: Readonly<Record<string, Container>>;
  readonly reused = false;
  readonly #down: () => Promise<void>;
  #stopping: Promise<void> | undefined;

  constructor(connection: ComposeConnection, containers: Record<string, Container>, down: () => Promise<void>) {
    this.connection = connection;
    this.containers = Object.freeze({ ...containers });
    this.#down = down;
  }

  // Every key shares the stack (compose services have no isolation of their own).
  isolate(): Promise<ComposeConnection> {
    return Promise.resolve(this.connection);
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#down();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
