// isolate() on a Postgres brought by DOCKER_WRAPPER_POSTGRES_URL: a server no template started (a
// plain `docker run`, as a CI service container would be).
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_LABEL, type Docker } from '@docker-wrapper/core';
import { postgres, type PostgresConnection, type PostgresService } from '@docker-wrapper/templates';
import { isolateBrought } from '../../src/postgres/brought-isolate.js';
import { LOCK_ID } from '../../src/postgres/pool.js';
import { connectForTest } from '../support/docker.js';

const password = randomBytes(12).toString('hex');
let docker: Docker;
let containerId = '';
let port = 0;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const urlOf = (database: string) => `postgres://ci:${password}@127.0.0.1:${port}/${database}`;

beforeAll(async () => {
  docker = await connectForTest();
  const image = docker.images.resolve('postgres:17');
  // The session's label only so that its reaper removes the server if this worker is killed; the
  // template never sees it (it only gets the URL).
  containerId = (await execa('docker', ['run', '-d', '--label', 'docker-wrapper-test=postgres-brought', '--label', `${SESSION_LABEL}=${docker.sessionId}`, '-p', '127.0.0.1::5432', '-e', `POSTGRES_PASSWORD=${password}`, '-e', 'POSTGRES_USER=ci', '-e', 'POSTGRES_DB=ci_db', image])).stdout.trim();
  port = Number((await execa('docker', ['port', containerId, '5432/tcp'])).stdout.split('\n')[0]?.split(':').at(-1));
  // The server restarts once after initialising: wait until it answers over TCP.
  for (let attempt = 0; ; attempt++) {
    try {
      await query(urlOf('ci_db'), 'SELECT 1');
      break;
    } catch (error) {
      if (attempt > 600) throw error;
      await delay(100);
    }
  }
  // The schema the service database holds before any isolate() (as a CI job's migrations would).
  await query(urlOf('ci_db'), "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO items (name) VALUES ('seeded');");
  await query(urlOf('postgres'), 'CREATE DATABASE busy_db');
});

afterAll(async () => {
  delete process.env.DOCKER_WRAPPER_POSTGRES_URL;
  if (containerId) await execa('docker', ['rm', '-f', '-v', containerId]);
  await docker.close();
});

async function broughtService(database: string): Promise<PostgresService> {
  process.env.DOCKER_WRAPPER_POSTGRES_URL = urlOf(database);
  try {
    return await postgres().start(docker);
  } finally {
    delete process.env.DOCKER_WRAPPER_POSTGRES_URL;
  }
}

describe('isolate() on a brought Postgres', () => {
  it('gives each key a database of its own, copied from the service database, the same one for the same key', async () => {
    const service = await broughtService('ci_db');
    expect(service.container).toBeUndefined();
    const [a, b, again, concurrent1, concurrent2] = await Promise.all([
      service.isolate('worker-1'), service.isolate('worker-2'), service.isolate('worker-1'), service.isolate('worker-3'), service.isolate('worker-3'),
    ]);
    expect(a.database).toMatch(/^ci_db_worker_1_[0-9a-f]{6}$/);
    expect(b.database).toMatch(/^ci_db_worker_2_[0-9a-f]{6}$/);
    expect(again).toEqual(a);
    expect(concurrent2).toEqual(concurrent1);
    expect(a.url).toBe(urlOf(a.database));
    expect(await service.isolate('worker-1')).toEqual(a);

    // Each carries the schema and rows the service database had, and is its own.
    for (const connection of [a, b, concurrent1] as PostgresConnection[]) {
      expect((await query<{ name: string }>(connection.url, 'SELECT name FROM items')).map((r) => r.name)).toEqual(['seeded']);
    }
    await query(a.url, "INSERT INTO items (name) VALUES ('only-in-a'); CREATE TABLE only_in_a (x int);");
    expect((await query<{ name: string }>(b.url, 'SELECT name FROM items')).map((r) => r.name)).toEqual(['seeded']);
    expect(await query(b.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'only_in_a'")).toEqual([]);
    expect((await query<{ name: string }>(urlOf('ci_db'), 'SELECT name FROM items')).map((r) => r.name)).toEqual(['seeded']);
    // The same key later still finds its database as it was left.
    expect((await query<{ name: string }>((await service.isolate('worker-1')).url, 'SELECT name FROM items ORDER BY id')).map((r) => r.name)).toEqual(['seeded', 'only-in-a']);

    const databases = (await query<{ datname: string }>(urlOf('postgres'), "SELECT datname FROM pg_database WHERE datname LIKE 'ci\\_db%' ORDER BY datname")).map((r) => r.datname);
    expect(databases).toEqual(['ci_db', 'ci_db_dw_template', a.database, b.database, concurrent1.database].sort());
    await service.stop();
  });

  it('says what to do when the first copy is blocked by another connection to the service database', async () => {
    const service = await broughtService('busy_db');
    const holder = new pg.Client({ connectionString: urlOf('busy_db') });
    await holder.connect();
    try {
      const error = await service.isolate('worker-1').then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'COMMAND_FAILED' });
      expect((error as Error).message).toMatch(/could not make busy_db_worker_1_[0-9a-f]{6}: source database "busy_db" is being accessed by other users\. The first isolate\(\) copies busy_db into busy_db_dw_template/);
      expect((error as Error).message).not.toContain(password);
    } finally {
      await holder.end();
    }
    // Once the connection is gone, the same call works.
    expect((await service.isolate('worker-1')).database).toMatch(/^busy_db_worker_1_/);
  });

  it('waits a bounded time for the lock another isolate() holds, then says so', async () => {
    const holder = new pg.Client({ connectionString: urlOf('postgres') });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
      const started = performance.now();
      const error = await isolateBrought(new URL(urlOf('ci_db')), 'ci_db', 'ci_db_locked', { lockTimeoutMs: 300 }).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'COMMAND_FAILED' });
      expect((error as Error).message).toMatch(/could not make ci_db_locked: canceling statement due to lock timeout\. Another isolate\(\) on this server held its lock/);
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await holder.end();
    }
    // The lock is free once its holder is gone: the same call makes the database.
    await isolateBrought(new URL(urlOf('ci_db')), 'ci_db', 'ci_db_locked', { lockTimeoutMs: 300 });
    expect(await query(urlOf('postgres'), "SELECT 1 FROM pg_database WHERE datname = 'ci_db_locked'")).toHaveLength(1);
  });

  it('snapshots still need a container, and say so', async () => {
    const service = await broughtService('ci_db');
    await expect(service.snapshot('x')).rejects.toThrow(/there is no container to run psql in for snapshot\(\)/);
  });
});
