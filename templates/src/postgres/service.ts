// A running Postgres: its connection, per-key isolated databases, snapshots, restart.
import { createHash } from 'node:crypto';
import type { Container, Executor, WaitStrategy } from '@docker-wrapper/core';
import { InvalidOptionError, WaitFailure } from '@docker-wrapper/core';
import { ServiceBase, type ServiceParts } from '../service-base.js';
import { isolateBrought } from './brought-isolate.js';
import { claimSql, createSparesSql } from './pool.js';
import { PsqlSession } from './session.js';
import { ident, literal, psql } from './sql.js';

export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** `postgres://user:password@host:port/database` */
  url: string;
}


export function connectionUrl(c: Omit<PostgresConnection, 'url'>): string {
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${host}:${c.port}/${encodeURIComponent(c.database)}`;
}

// A database name for an isolation key: readable, at most 63 bytes, unique per key (pure).
export function isolatedName(database: string, key: string): string {
  const clean = key.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  const suffix = createHash('sha256').update(key).digest('hex').slice(0, 6);
  return `${database}_${clean}`.slice(0, 63 - 7) + `_${suffix}`;
}

function validateKey(option: string, key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) throw new InvalidOptionError(option, key, 'Expected a non-empty string of at most 200 characters.');
  return key;
}

export class PostgresService extends ServiceBase<PostgresConnection> {
  readonly kind = 'postgres';
  /** Spares being made in the background; stop() waits for them unless it removes the container. */
  #background: Promise<void> = Promise.resolve();

  /** A psql kept open in the container for the maintenance commands (the `postgres` database). */
  readonly #session: PsqlSession | undefined;
  /** stop() removes the container (not reused, not kept). */
  readonly #removes: boolean;

  /** The URL of a Postgres brought by the environment: isolate() goes over the wire there. */
  readonly #brought: URL | undefined;

  // `session`: the one readiness opened (a new container); otherwise one is opened in the background.
  constructor(args: ServiceParts<PostgresConnection> & { executor?: Executor; session?: PsqlSession | undefined; brought?: URL; removes?: boolean }) {
    super(args);
    this.#brought = args.brought;
    this.#removes = args.removes ?? false;
    if (args.session) {
      this.#session = args.session;
    } else {
      this.#session = args.container && args.executor ? new PsqlSession(args.executor, args.container, args.connection.user) : undefined;
      this.#session?.warm();
    }
  }

  // Maintenance SQL in the `postgres` database, through the open session.
  async #maintenance(what: string, script: string): Promise<string> {
    this.#requireContainer(what);
    return ((await this.#session?.run(script)) ?? []).join('\n');
  }

  #requireContainer(what: string): Container {
    if (!this.container) {
      throw new InvalidOptionError(what, 'bring-your-own', `This Postgres comes from DOCKER_WRAPPER_POSTGRES_URL: there is no container to run psql in for ${what}() (isolate() works there, through \`pg\`). Use your own client.`);
    }
    return this.container;
  }

  // Runs SQL with psql inside the container (as the service user) and returns its unaligned output.
  async sql(script: string, options: { database?: string } = {}): Promise<string> {
    return psql(this.#requireContainer('sql'), script, { user: this.connection.user, database: options.database ?? this.connection.database });
  }

  // A database of its own for `key`, a copy of the initialised one (same key, same database). A
  // spare made ahead of time is renamed (milliseconds); a used spare is replaced in the background.
  // A brought Postgres has no spares: the copy is made over the wire (`pg`).
  async isolate(key: string): Promise<PostgresConnection> {
    const name = isolatedName(this.connection.database, validateKey('isolate', key));
    if (this.#brought) {
      await isolateBrought(this.#brought, this.connection.database, name);
    } else {
      const output = await this.#maintenance('isolate', claimSql(this.connection.database, name));
      if (output.includes('claimed')) this.#topUp();
    }
    return { ...this.connection, database: name, url: connectionUrl({ ...this.connection, database: name }) };
  }

  #topUp(): void {
    this.#background = this.#background
      .then(() => this.sql(createSparesSql(this.connection.database, 1), { database: 'postgres' }))
      .then(() => undefined, () => undefined);
  }

  // Saves the current data of `database` (default: the main one) under `name`.
  async snapshot(name = 'default', options: { database?: string } = {}): Promise<void> {
    const database = options.database ?? this.connection.database;
    const copy = `${database}_snap_${validateKey('snapshot', name).replace(/[^a-zA-Z0-9_]/g, '_')}`.slice(0, 63);
    await this.#maintenance(
      'snapshot',
      [
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${literal(database)} AND pid <> pg_backend_pid();`,
        `DROP DATABASE IF EXISTS ${ident(copy)};`,
        `CREATE DATABASE ${ident(copy)} TEMPLATE ${ident(database)};`,
      ].join('\n'),
    );
  }

  // Brings `database` back to the snapshot `name` (open connections to it are closed).
  async restore(name = 'default', options: { database?: string } = {}): Promise<void> {
    const database = options.database ?? this.connection.database;
    const copy = `${database}_snap_${validateKey('restore', name).replace(/[^a-zA-Z0-9_]/g, '_')}`.slice(0, 63);
    await this.#maintenance(
      'restore',
      [
        `SELECT (count(*) = 0) AS missing FROM pg_database WHERE datname = ${literal(copy)} \\gset`,
        '\\if :missing',
        `DO $$ BEGIN RAISE EXCEPTION 'no snapshot named %', ${literal(name)}; END $$;`,
        '\\endif',
        `DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE);`,
        `CREATE DATABASE ${ident(database)} TEMPLATE ${ident(copy)};`,
      ].join('\n'),
    );
  }

  // A container that stop() removes goes with its session and any spare still being made (its
  // `rm -f` ends them): waiting for them would only delay it. One that stays gets its psql ended.
  protected override async beforeStop(): Promise<void> {
    if (!this.#removes) await this.#settle();
  }

  protected override beforeRestart(): Promise<void> {
    return this.#settle();
  }

  async #settle(): Promise<void> {
    await this.#background;
    await this.#session?.close();
  }

  // After a restart (the session was closed before it): the session's next script opens a new psql,
  // which waits inside the container until the server accepts TCP connections. isolate() and the
  // other maintenance calls then go through it as before.
  protected override readyAgain(): WaitStrategy {
    const session = this.#session as PsqlSession;
    return {
      description: 'SELECT 1 over TCP (psql in the container)',
      wait: async ({ signal }) => {
        const abort = () => session.kill();
        signal.addEventListener('abort', abort, { once: true });
        try {
          const lines = await session.run('SELECT 1;');
          if (lines.at(-1) !== '1') throw new WaitFailure('failed', `psql answered ${JSON.stringify(lines.join('\n').slice(0, 200))} to SELECT 1`);
        } finally {
          signal.removeEventListener('abort', abort);
        }
      },
    };
  }
}
