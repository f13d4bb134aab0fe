// `postgres({...})`: a Postgres service ready when a query succeeds over TCP, started from an
// initialised-image cache when it can, reusable, or brought by the environment.
import type { Container, Docker } from '@docker-wrapper/core';
import { BYO_ENV, urlFromEnv } from '../bring-your-own.js';
import { specHash } from '../hash.js';
import { launch } from '../launch.js';
import { onHostPort } from '../ports.js';
import { randomPassword } from '../secrets.js';
import type { StartOptions, Template } from '../template.js';
import { baseBuilder } from './builder.js';
import { ensureInitialisedImage } from './cache.js';
import { explainInitFailure } from './init-failure.js';
import { normalizePostgresOptions, type NormalizedPostgresOptions, type PostgresOptions } from './options.js';
import { createTemplateSql } from './pool.js';
import { PostgresService, connectionUrl, type PostgresConnection } from './service.js';
import { PostgresReady } from './readiness.js';
import { canHashLocally, scramVerifier } from './scram.js';
import { ident, literal } from './sql.js';

function fromEnv(): PostgresService | undefined {
  const url = urlFromEnv(BYO_ENV.postgres, ['postgres:', 'postgresql:']);
  if (!url) return undefined;
  const connection = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username),
  };
  return new PostgresService({ connection: { ...connection, url: connectionUrl(connection) }, container: undefined, reused: false, remove: async () => undefined, brought: url });
}

// `ALTER ROLE ... PASSWORD` with what the server should store; masked in every message.
async function passwordSql(user: string, password: string, docker: Docker): Promise<string> {
  const stored = canHashLocally(password) ? await scramVerifier(password) : password;
  docker.executor.redactor.add(stored);
  return `ALTER ROLE ${ident(user)} PASSWORD ${literal(stored)};`;
}

class PostgresTemplate implements Template<PostgresConnection, PostgresService> {
  readonly kind = 'postgres';
  readonly options: Readonly<PostgresOptions>;
  readonly #normalized: NormalizedPostgresOptions;

  constructor(options: PostgresOptions) {
    this.#normalized = normalizePostgresOptions(options);
    this.options = Object.freeze({ ...options });
  }

  async start(docker: Docker, startOptions: StartOptions = {}): Promise<PostgresService> {
    const byo = fromEnv();
    if (byo) return byo;
    const normalized = this.#normalized;
    const password = normalized.password ?? randomPassword();
    docker.executor.redactor.add(password);
    // Podman 4.3's Docker-compatible commit fails on any `--change` ("Decode(): EOF"), and the cached
    // image needs its labels: on Podman every start initialises, as with `cache: false`.
    const options = docker.engine.kind === 'podman' && normalized.cache ? { ...normalized, cache: false } : normalized;
    const image = options.cache ? await ensureInitialisedImage(docker, options, startOptions.signal) : options.image;
    // A cached image was initialised with another password: it gets this one, as a SCRAM verifier
    // hashed on the thread pool while docker starts the container when it can be made here. A
    // fresh one gets the pristine copy isolate() clones.
    const setup = options.cache ? passwordSql(options.user, password, docker) : createTemplateSql(options.database, 0);
    const ready = new PostgresReady(options.user, setup);
    let builder = baseBuilder(image, options, password).waitFor(ready);
    if (!options.cache) {
      for (const script of options.initScripts) builder = builder.file(`/docker-entrypoint-initdb.d/${script.name}`, { content: script.content });
    }
    let connectionPassword = password;
    const { container, reused, persistent } = await onHostPort(options.hostPort, (hostPort) => launch(docker, {
      kind: 'postgres',
      builder: builder.port(5432, { hostPort }),
      reuse: options.reuse,
      reuseHash: specHash({
        kind: 'postgres', image, settings: options.settings, user: options.user, database: options.database, password: options.password ?? null,
        scripts: options.initScripts.map((s) => specHash(s.content.toString('base64'))), hostPort: options.hostPort ?? null,
      }),
      whenReused: (c: Container) => {
        // The password it was started with is in its environment.
        connectionPassword = c.envValue('POSTGRES_PASSWORD') ?? password;
        docker.executor.redactor.add(connectionPassword);
        return Promise.resolve();
      },
    }, startOptions.signal)).catch((error: unknown) => {
      throw explainInitFailure(error);
    });
    const connection = { host: container.host, port: container.hostPort(5432), user: options.user, password: connectionPassword, database: options.database };
    return new PostgresService({
      connection: { ...connection, url: connectionUrl(connection) },
      container,
      reused,
      executor: docker.executor,
      session: reused ? undefined : ready.session,
      removes: !persistent && !docker.keep,
      remove: () => (persistent || docker.keep ? Promise.resolve() : container.remove()),
    });
  }
}

/**
 * A Postgres service template.
 * @example
 * const pg = await postgres({ database: 'app', initScripts: ['./schema.sql'] }).start(docker);
 * pg.connection.url; // postgres://test:...@127.0.0.1:49153/app
 */
export function postgres(options: PostgresOptions = {}): Template<PostgresConnection, PostgresService> {
  return new PostgresTemplate(options);
}
