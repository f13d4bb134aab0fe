// isolate() for a Postgres brought by the environment (DOCKER_WRAPPER_POSTGRES_URL, e.g. a CI
// service container): no container to run psql in, so the SQL goes over the wire through `pg`.
// Same semantics as the container's isolate(): the database `<db>_<key>_<hash>`, a copy of the
// pristine copy `<db>_dw_template` (made from the service database by the first isolate(), so
// later connections to the service database never block a copy), serialised by the same advisory
// lock in the `postgres` database. No spares: each new key costs one copy (about 50 ms here).
import { DockerWrapperError } from '@docker-wrapper/core';
import { connectTo, loadPg, type PgClient, type PgClientClass } from './pg-client.js';
import { LOCK_ID, copySql, createTemplateSql, templateName } from './pool.js';

// What to do about the server errors a user can fix (SQLSTATE -> advice).
function advice(code: string | undefined, url: URL, database: string): string {
  if (code === '55006') return `The first isolate() copies ${database} into ${templateName(database)}, the pristine copy every isolated database is made from, which needs no other connection to ${database}: close them before the first isolate(), or make that copy yourself (CREATE DATABASE ${templateName(database)} TEMPLATE ${database}).`;
  if (code === '55P03') return `Another isolate() on this server held its lock longer than that (copying a large database, or a session that stopped halfway): see pg_stat_activity where application_name = 'docker-wrapper'.`;
  if (code === '42501') return `The user ${decodeURIComponent(url.username)} may not create databases: give it CREATEDB (ALTER ROLE ... CREATEDB).`;
  return '';
}

// The maintenance connection: the `postgres` database, or the service database without one.
async function maintenance(Client: PgClientClass, url: URL, database: string): Promise<PgClient> {
  try {
    return await connectTo(Client, url, 'postgres');
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    return connectTo(Client, url, database);
  }
}

export interface IsolateBroughtOptions {
  /** Loads node-postgres' Client (a parameter for the test of a missing package). */
  load?: () => Promise<PgClientClass>;
  /** How long to wait for the lock another isolate() holds; 60 s. */
  lockTimeoutMs?: number;
}

// Makes the database `name` for an isolation key unless it exists (same key, same database).
export async function isolateBrought(url: URL, database: string, name: string, options: IsolateBroughtOptions = {}): Promise<void> {
  const Client = await (options.load ?? loadPg)();
  let client: PgClient | undefined;
  try {
    client = await maintenance(Client, url, database);
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 60_000))}`);
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query('SET lock_timeout = 0');
    try {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[name, templateName(database)]]);
      const present = new Set(rows.map((row) => row.datname));
      if (present.has(name)) return;
      if (!present.has(templateName(database))) await client.query(createTemplateSql(database, 0));
      await client.query(copySql(database, name));
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new DockerWrapperError('COMMAND_FAILED', `isolate() on the Postgres from DOCKER_WRAPPER_POSTGRES_URL (${url.hostname}:${url.port || 5432}/${database}) could not make ${name}: ${(error as Error).message}. ${advice(code, url, database)}`.trim(), { cause: error });
  } finally {
    await client?.end().catch(() => undefined);
  }
}
