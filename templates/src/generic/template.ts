// `service(builder, options)`: any image as a service, beside postgres(), redis() and kafka(), in
// startServices() and every adapter. The builder is never changed: one service() starts many times.
import type { Container, ContainerBuilder, Docker } from '@docker-wrapper/core';
import { DockerWrapperError } from '@docker-wrapper/core';
import { specHash } from '../hash.js';
import { launch } from '../launch.js';
import { ServiceBase, type ServiceParts } from '../service-base.js';
import type { StartOptions, Template } from '../template.js';
import { kindOfImage, validateServiceArguments, type GenericConnection, type ServiceOptions } from './options.js';
import { notPlain } from './plain-data.js';

/** A started `service()`. */
export class GenericService<C> extends ServiceBase<C> {
  readonly kind: string;
  readonly #isolate: ((connection: C, key: string) => C | Promise<C>) | undefined;

  constructor(kind: string, parts: ServiceParts<C>, isolate: ((connection: C, key: string) => C | Promise<C>) | undefined) {
    super(parts);
    this.kind = kind;
    this.#isolate = isolate;
  }

  // The user's isolation, or the same connection for every key (documented as shared).
  async isolate(key: string): Promise<C> {
    if (!this.#isolate) return this.connection;
    const isolated = await this.#isolate(this.connection, key);
    const bad = notPlain(isolated);
    if (bad) throw new DockerWrapperError('STARTUP_FAILED', `service ${this.kind}: isolate() returned something that is not plain data at ${bad}. Return strings, numbers, booleans, arrays and plain objects.`);
    return isolated;
  }
}

function defaultConnection(container: Container): GenericConnection {
  const ports: Record<number, number> = {};
  for (const port of container.info.exposedPorts ?? []) {
    const number = Number(String(port).split('/')[0]);
    try {
      ports[number] = container.hostPort(number);
    } catch {
      // Exposed by the image but not published: not reachable from here.
    }
  }
  return { host: container.host, ports };
}

// The parts of a spec that make two containers interchangeable (no functions, file contents hashed).
function reuseHash(builder: ContainerBuilder): string {
  const { files, ...rest } = builder.spec;
  return specHash({ kind: 'service', ...rest, wait: rest.wait?.description ?? null, files: files.map((f) => ({ target: f.target, mode: f.mode, content: f.content !== undefined ? specHash(Buffer.from(f.content).toString('base64')) : null, source: f.source ?? null })) });
}

export class GenericTemplate<C> implements Template<C, GenericService<C>> {
  readonly kind: string;
  readonly options: Readonly<ServiceOptions<C>>;
  readonly #builder: ContainerBuilder;

  constructor(builder: ContainerBuilder, options: ServiceOptions<C>) {
    validateServiceArguments(builder, options);
    this.kind = options.kind ?? kindOfImage(builder.spec.image);
    this.#builder = builder;
    this.options = Object.freeze({ ...options });
  }

  /** The builder this service starts (never changed by a start). */
  get builder(): ContainerBuilder {
    return this.#builder;
  }

  async start(docker: Docker, startOptions: StartOptions = {}): Promise<GenericService<C>> {
    const { options } = this;
    const brought = options.byoEnv ? process.env[options.byoEnv] : undefined;
    if (options.byoEnv && brought) {
      const connection = options.fromEnv ? options.fromEnv(brought) : (this.#fromUrl(brought, options.byoEnv) as C);
      this.#checkPlain(connection, 'fromEnv()');
      return new GenericService(this.kind, { connection, container: undefined, reused: false, remove: async () => undefined }, options.isolate);
    }
    let builder = this.#builder;
    if (options.startupTimeout !== undefined) builder = builder.startupTimeout(options.startupTimeout);
    if (options.pull !== undefined) builder = builder.pull(options.pull);
    const { container, reused, persistent } = await launch(docker, {
      kind: this.kind,
      builder,
      reuse: options.reuse ?? false,
      reuseHash: reuseHash(builder),
      // findReusable() has just inspected the running container: nothing more to ready.
      whenReused: () => Promise.resolve(),
    }, startOptions.signal);
    let connection: C;
    try {
      connection = options.connection ? options.connection(container) : (defaultConnection(container) as C);
      this.#checkPlain(connection, 'connection()');
    } catch (error) {
      if (!persistent) await container.remove().catch(() => undefined);
      throw error;
    }
    return new GenericService(this.kind, {
      connection,
      container,
      reused,
      remove: async () => {
        if (persistent || docker.keep) return;
        await container.remove();
      },
    }, options.isolate);
  }

  #fromUrl(value: string, variable: string): GenericConnection {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new DockerWrapperError('STARTUP_FAILED', `${variable} is not a URL; give \`fromEnv\` to read it.`);
    }
    const containerPort = this.#builder.spec.ports[0]?.containerPort as number;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), ports: { [containerPort]: Number(url.port) } };
  }

  #checkPlain(connection: unknown, what: string): void {
    const bad = notPlain(connection);
    if (bad) throw new DockerWrapperError('STARTUP_FAILED', `service ${this.kind}: ${what} returned something that is not plain data at ${bad}. Return strings, numbers, booleans, arrays and plain objects (it is sent to test workers).`);
  }
}

/**
 * Any image as a service: the builder's waits, health checks, env, mounts and limits apply.
 * @example
 * const mail = service(new ContainerBuilder('axllent/mailpit').port(1025).port(8025).waitFor(Wait.forHttp('/livez', 8025)), {
 *   connection: (c) => ({ smtp: `smtp://${c.host}:${c.hostPort(1025)}`, web: `http://${c.host}:${c.hostPort(8025)}` }),
 * });
 */
export function service<C = GenericConnection>(builder: ContainerBuilder, options: ServiceOptions<C> = {}): Template<C, GenericService<C>> {
  return new GenericTemplate<C>(builder, options);
}
