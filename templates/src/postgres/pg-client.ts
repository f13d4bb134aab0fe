// `pg` (node-postgres), an optional peer dependency: loaded on first use, only where there is no
// container to run psql in (a Postgres brought by DOCKER_WRAPPER_POSTGRES_URL).
import { createRequire } from 'node:module';
import { DockerWrapperError } from '@docker-wrapper/core';

/** The little of a `pg.Client` used here. */
export interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type PgClientClass = new (config: { connectionString: string; application_name?: string; connectionTimeoutMillis?: number }) => PgClient;

// Loads `pg` (the specifier is a parameter for the test of a missing package); throws
// MISSING_DEPENDENCY, saying what to install, when it is not installed.
export async function loadPg(specifier = 'pg'): Promise<PgClientClass> {
  try {
    createRequire(import.meta.url).resolve(specifier);
  } catch {
    throw new DockerWrapperError(
      'MISSING_DEPENDENCY',
      `isolate() on a Postgres from DOCKER_WRAPPER_POSTGRES_URL runs its SQL through the \`${specifier}\` package (node-postgres), an optional peer dependency of @docker-wrapper/templates, which is not installed. Install it: npm install --save-dev ${specifier}`,
    );
  }
  const module = (await import(specifier)) as { default?: { Client: PgClientClass }; Client?: PgClientClass };
  const Client = module.default?.Client ?? module.Client;
  if (!Client) throw new DockerWrapperError('MISSING_DEPENDENCY', `The \`${specifier}\` package has no Client export: install node-postgres 8 (npm install --save-dev pg).`);
  return Client;
}

const CONNECT_TIMEOUT_MS = 15_000;

// A connected client for `url` in another database (the query string, e.g. sslmode, is kept).
export async function connectTo(Client: PgClientClass, url: URL, database: string): Promise<PgClient> {
  const target = new URL(url.href);
  target.pathname = `/${encodeURIComponent(database)}`;
  // A server that accepts TCP and never answers (a proxy without its backend) fails, not hangs.
  const client = new Client({ connectionString: target.href, application_name: 'docker-wrapper', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that drops the connection later must not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
