// compose(): a compose file with Postgres, Redis and an app built from a local Dockerfile that
// waits for both to be healthy, on the real engine with both compose drivers; beside a template in
// startServices(); two sessions from one file at once; a service that fails; SIGKILL.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Docker, Wait } from '@docker-wrapper/core';
import { ComposeStartError, ServicesStartError, compose, redis, startServices, type ComposeConnection } from '@docker-wrapper/templates';
import { Redis } from 'ioredis';
import pg from 'pg';
import { appBase, labelled, stackFile } from '../support/compose.js';
import { connectForTest } from '../support/docker.js';

const fixture = fileURLToPath(new URL('../fixtures/start-compose.mjs', import.meta.url));

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

// Talks to every service of the stack the way a test would.
async function useStack(connection: ComposeConnection): Promise<{ db: number; cache: string; app: unknown }> {
  const { db, cache, app } = connection.services as Record<'db' | 'cache' | 'app', ComposeConnection['services'][string]>;
  const client = new pg.Client({ host: db.host, port: db.ports[5432], user: 'postgres', password: 'compose-secret-pw', database: 'shop' });
  await client.connect();
  const { rows } = await client.query<{ n: number }>('select 1 + 1 as n');
  await client.end();
  const redisClient = new Redis({ host: cache.host, port: cache.ports[6379] as number, lazyConnect: true });
  await redisClient.connect();
  const pong = await redisClient.ping();
  redisClient.disconnect();
  const response = await fetch(`http://${app.host}:${app.ports[8000]}/deps`);
  return { db: rows[0]?.n as number, cache: pong, app: await response.json() };
}

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker?.close();
});

describe.each(['v2', 'v1'] as const)('compose() with the %s driver', (driver) => {
  it('starts Postgres, Redis and the built app (healthy dependencies first), labelled with the session, and removes all of it', async () => {
    const stack = compose(stackFile, { env: { APP_BASE: appBase() }, driver });
    const started = await stack.start(docker);
    const { connection } = started;
    try {
      expect(Object.keys(connection.services).sort()).toEqual(['app', 'cache', 'db']);
      expect(connection.services.db).toMatchObject({ host: '127.0.0.1', hostname: 'db', ports: { 5432: expect.any(Number) as number } });
      // Plain data: it survives JSON unchanged.
      expect(JSON.parse(JSON.stringify(connection))).toEqual(connection);
      expect(await useStack(connection)).toEqual({ db: 2, cache: 'PONG', app: { cache: '+PONG', db: true } });
      // Ports are bound to 127.0.0.1, and the official image names became the local stand-ins.
      const db = started.containers.db;
      expect(db?.info.ports['5432/tcp']?.[0]?.hostIp).toBe('127.0.0.1');
      expect(db?.image).toBe(docker.images.resolve('postgres:15'));
      // Every container, network and volume compose made carries the session's label.
      const session = await labelled(`docker-wrapper.session=${docker.sessionId}`);
      const project = await labelled(`com.docker.compose.project=${connection.project}`);
      expect(project.filter((item) => item.startsWith('container'))).toHaveLength(3);
      expect(project.some((item) => item.startsWith('network'))).toBe(true);
      expect(project.some((item) => item.startsWith('volume'))).toBe(true);
      expect(project.every((item) => session.includes(item))).toBe(true);
    } finally {
      await started.stop();
    }
    expect(await labelled(`com.docker.compose.project=${connection.project}`)).toEqual([]);
  });
});

describe('compose()', () => {
  it('runs beside a template in startServices(), with the services, waits and profiles asked for', async () => {
    await using env = await startServices(docker, {
      stack: compose(stackFile, { services: ['cache', 'tools'], profiles: ['debug'], wait: { cache: Wait.forLog('Ready to accept connections'), tools: Wait.forLog('Ready to accept connections') } }),
      other: redis(),
    });
    expect(Object.keys(env.connections.stack.services).sort()).toEqual(['cache', 'tools']);
    expect(env.connections.stack.services.tools?.ports).toEqual({});
    expect(env.connections.other.url).toMatch(/^redis:\/\//);
    expect(env.services.stack.kind).toBe('compose');
  });

  it('reports diagnostics for each container of the stack, like any other service', async () => {
    await using env = await startServices(docker, { stack: compose(stackFile, { services: ['cache'] }) }, { diagnostics: true });
    await env.services.stack.containers.cache?.kill();
    await until(async () => !(await env.services.stack.containers.cache?.inspect())?.state.running, 10_000);
    const reports = await env.diagnostics();
    expect(Object.keys(reports)).toEqual(['stack.cache']);
    expect(reports['stack.cache']?.findings.join('\n')).toMatch(/exited with code 137/);
    expect(await env.diagnosticsText()).toMatch(/\[stack\.cache\]\n── Diagnostics of /);
  });

  it('starts one file in two sessions at once: two projects that do not collide', async () => {
    const other = await connectForTest();
    try {
      const stack = compose(stackFile, { env: { APP_BASE: appBase() } });
      const [a, b] = await Promise.all([stack.start(docker), stack.start(other)]);
      try {
        expect(a.connection.project).not.toBe(b.connection.project);
        expect(a.containers.db?.id).not.toBe(b.containers.db?.id);
        const [usedA, usedB] = await Promise.all([useStack(a.connection), useStack(b.connection)]);
        expect(usedA).toEqual(usedB);
        expect((await labelled(`docker-wrapper.session=${other.sessionId}`)).filter((item) => item.startsWith('container'))).toHaveLength(3);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      expect(await labelled(`com.docker.compose.project=${a.connection.project}`)).toEqual([]);
      expect(await labelled(`com.docker.compose.project=${b.connection.project}`)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('names the compose service that failed with its state, exit code and last logs, and leaves nothing', async () => {
    const template = compose(stackFile, { env: { APP_BASE: appBase(), APP_MODE: 'broken' } });
    const error = await startServices(docker, { shop: template }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ServicesStartError);
    const cause = (error as ServicesStartError).errors[0];
    expect(cause).toBeInstanceOf(ComposeStartError);
    const failure = cause as ComposeStartError;
    expect(failure.service).toBe('app');
    expect(failure.states[0]).toMatchObject({ service: 'app', status: 'exited', exitCode: 3 });
    expect(failure.message).toMatch(/service `app`/);
    expect(failure.message).toMatch(/exit code 3/);
    expect(failure.message).toMatch(/api: cannot start: DATABASE_URL is not set/);
    expect((error as Error).message).toMatch(/- shop \(compose\): compose .*docker-compose\.yml: service `app`/);
    expect(failure.message).not.toMatch(/compose-secret-pw/);
    expect((await labelled(`docker-wrapper.session=${docker.sessionId}`)).filter((item) => item.startsWith('container'))).toEqual([]);
  });

  it('refuses a wait for a compose service that did not start, and takes the stack down', async () => {
    const template = compose(stackFile, { services: ['cache'], wait: { db: Wait.forHealthy() } });
    await expect(template.start(docker)).rejects.toThrow(/`wait\.db` names a service that did not start .* Started: cache\./);
    expect((await labelled(`docker-wrapper.session=${docker.sessionId}`)).filter((item) => item.startsWith('container'))).toEqual([]);
  });

  it('takes the session\'s labels and bindAddress from Docker.connect, as the other templates do', async () => {
    const other = await Docker.connect({ handleSignals: false, connectTimeoutMs: 10_000, labels: { 'dw-test.team': 'payments' }, bindAddress: '0.0.0.0' });
    try {
      const stack = await compose(stackFile, { services: ['cache'] }).start(other);
      const id = stack.containers.cache?.id as string;
      const inspect = async (format: string): Promise<unknown> => JSON.parse((await other.executor.raw(['inspect', '--format', format, id])).stdout);
      const labels = (await inspect('{{json .Config.Labels}}')) as Record<string, string>;
      const bindings = (await inspect('{{json .HostConfig.PortBindings}}')) as Record<string, Array<{ HostIp: string }>>;
      expect(labels).toMatchObject({ 'dw-test.team': 'payments', 'docker-wrapper.session': other.sessionId });
      expect(bindings['6379/tcp']?.map((b) => b.HostIp)).toEqual(['0.0.0.0']);
      expect(await labelled('dw-test.team=payments')).toEqual(expect.arrayContaining([`container ${id.slice(0, 12)}`]));
      const client = new Redis({ host: stack.connection.services.cache?.host, port: stack.connection.services.cache?.ports[6379] as number, lazyConnect: true });
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
      await stack.stop();
      expect(await labelled('dw-test.team=payments')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('asks compose for its version once per session, not at every start', async () => {
    // The real docker behind a script that notes each call.
    const folder = mkdtempSync(join(tmpdir(), 'docker-calls-'));
    const calls = join(folder, 'calls');
    const shim = join(folder, 'docker');
    writeFileSync(shim, `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${docker.executor.binary}' "$@"\n`, { mode: 0o700 });
    const counted = await Docker.connect({ binary: shim, handleSignals: false, connectTimeoutMs: 10_000, transport: 'api' });
    try {
      for (let round = 0; round < 2; round++) await (await compose(stackFile, { services: ['cache'], driver: 'v2' }).start(counted)).stop();
      const lines = readFileSync(calls, 'utf8').split('\n');
      expect(lines.filter((line) => line.startsWith('compose ') && line.includes(' up '))).toHaveLength(2);
      expect(lines.filter((line) => line === 'compose version')).toHaveLength(1);
    } finally {
      await counted.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says which compose it tried when none answers (MISSING_DEPENDENCY), and starts nothing', async () => {
    // A docker client whose config folder has no compose plugin, with no docker-compose on PATH.
    const home = mkdtempSync(join(tmpdir(), 'no-compose-'));
    const bare = await Docker.connect({ binary: docker.executor.binary, env: { ...process.env, PATH: home, HOME: home, DOCKER_CONFIG: home }, handleSignals: false, reaper: false, connectTimeoutMs: 10_000 });
    try {
      const error = await compose(stackFile).start(bare).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'MISSING_DEPENDENCY' });
      expect((error as Error).message).toBe(`compose(): \`${docker.executor.binary} compose\` or \`docker-compose\` does not answer \`version\`. Install the compose plugin (docker compose) or Debian's \`docker-compose\`.`);
      await expect(compose(stackFile, { driver: 'v1' }).start(bare)).rejects.toThrow(/^compose\(\): `docker-compose` does not answer/);
      expect(await labelled(`docker-wrapper.session=${bare.sessionId}`)).toEqual([]);
    } finally {
      await bare.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('leaves nothing after the owning process is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, [fixture, stackFile, JSON.stringify({ env: { APP_BASE: appBase() } })], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
    });
    const { sessionId, connection } = JSON.parse(line) as { sessionId: string; connection: ComposeConnection };
    const session = `docker-wrapper.session=${sessionId}`;
    const before = await labelled(session);
    expect(before.filter((item) => item.startsWith('container'))).toHaveLength(3);
    expect(before.filter((item) => !item.startsWith('container')).length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    expect(await until(async () => (await labelled(session)).length === 0, 30_000)).toBe(true);
    expect(await labelled(`com.docker.compose.project=${connection.project}`)).toEqual([]);
  });
});
