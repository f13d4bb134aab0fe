// Any image as a service: a small HTTP service on the Python stand-in, through service() alone,
// beside Postgres in startServices(), twice at once, and failing its wait.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, Wait, type Docker } from '@docker-wrapper/core';
import { ServicesStartError, postgres, service, startServices } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';

const server = readFileSync(new URL('../fixtures/http-service/server.py', import.meta.url), 'utf8');
const api = (mode = 'ok') => new ContainerBuilder('python:3-slim')
  .env('MODE', mode)
  .file('/srv/server.py', { content: server })
  .command(['python3', '/srv/server.py'])
  .port(8000)
  .waitFor(Wait.forHttp('/health', 8000));

async function whoami(url: string): Promise<{ hostname: string; mode: string }> {
  const response = await fetch(`${url}/whoami`);
  return (await response.json()) as { hostname: string; mode: string };
}

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker?.close();
});

describe('service()', () => {
  it('starts any image; without `connection`, the connection is its host and ports', async () => {
    const builder = api();
    // The wait strategy keeps what it last saw (for its failure message): compare the rest.
    const plain = () => JSON.stringify({ ...builder.spec, wait: builder.spec.wait?.description });
    const spec = plain();
    await using started = await service(builder).start(docker);
    expect(started.kind).toBe('python');
    expect(started.connection).toEqual({ host: '127.0.0.1', ports: { 8000: expect.any(Number) as number } });
    expect((await whoami(`http://127.0.0.1:${started.connection.ports[8000]}`)).mode).toBe('ok');
    expect(plain()).toBe(spec);
    // Shared by default: every key gets the same connection.
    expect(await started.isolate('worker-1')).toEqual(started.connection);
  });

  it('types the connection from `connection`, and isolates per key with `isolate`', async () => {
    const template = service(api(), {
      kind: 'api',
      connection: (c) => ({ url: `http://${c.host}:${c.hostPort(8000)}` }),
      isolate: (connection, key) => ({ ...connection, tenant: key }),
    });
    await using started = await template.start(docker);
    expect(started.connection.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await started.isolate('a')).toEqual({ url: started.connection.url, tenant: 'a' });
    expect(started.container?.info.labels['docker-wrapper.template']).toBe('api');
  });

  it('starts twice at once from one service()', async () => {
    const template = service(api(), { connection: (c) => ({ url: `http://${c.host}:${c.hostPort(8000)}` }) });
    const [a, b] = await Promise.all([template.start(docker), template.start(docker)]);
    try {
      expect(a.container?.id).not.toBe(b.container?.id);
      const [x, y] = await Promise.all([whoami(a.connection.url), whoami(b.connection.url)]);
      expect(x.hostname).not.toBe(y.hostname);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('runs beside Postgres in startServices(), with diagnostics', async () => {
    const since = Date.now();
    await using env = await startServices(docker, { db: postgres(), api: service(api(), { kind: 'api', connection: (c) => ({ url: `http://${c.host}:${c.hostPort(8000)}` }) }) }, { diagnostics: true });
    expect(env.connections.api.url).toMatch(/^http:/);
    expect(env.connections.db.url).toMatch(/^postgres:/);
    await env.services.api.container?.kill('KILL');
    await expect.poll(async () => (await env.diagnostics({ since })).api?.findings.join('\n') ?? '', { timeout: 15_000 }).toMatch(/exited with code 137/);
  });

  it('names the service and shows its last log lines when its wait fails', async () => {
    const error = (await startServices(docker, { api: service(api('broken'), { kind: 'api', startupTimeout: 20_000 }) }).catch((e: unknown) => e)) as ServicesStartError;
    expect(error).toBeInstanceOf(ServicesStartError);
    expect(error.message).toMatch(/^1 of 1 service\(s\) failed to start:\n- api \(api\): Container dw-python-[0-9a-f]+ \(python:3-slim\) did not become ready/);
    expect(error.message).toMatch(/exit code 3/);
    expect(error.message).toContain('api: cannot start: DATABASE_URL is not set');
    expect(await docker.containers.listSession()).toEqual([]);
  });

  it('reuses a running container with the same spec, from another session', async () => {
    const template = service(api().env('REUSE_TEST', `${process.pid}-${Date.now()}`), { kind: 'api', reuse: true, pull: 'never' });
    const first = await template.start(docker);
    const id = first.container?.id as string;
    const other = await connectForTest();
    try {
      await first.stop();
      const second = await template.start(other);
      expect(second.reused).toBe(true);
      expect(second.container?.id).toBe(id);
      await second.stop();
    } finally {
      await other.close();
      await (await docker.containers.get(id)).remove();
    }
  });

  it('takes the connection from a variable of the user\'s choosing (bring-your-own)', async () => {
    process.env.E2E_API_URL = 'http://api.internal:8080';
    try {
      const started = await service(api(), { byoEnv: 'E2E_API_URL' }).start(docker);
      expect(started.container).toBeUndefined();
      expect(started.connection).toEqual({ host: 'api.internal', ports: { 8000: 8080 } });
      const custom = await service(api(), { byoEnv: 'E2E_API_URL', fromEnv: (url) => ({ url }) }).start(docker);
      expect(custom.connection).toEqual({ url: 'http://api.internal:8080' });
    } finally {
      delete process.env.E2E_API_URL;
    }
  });

  it('refuses a connection that is not plain data, naming the service, and leaves nothing', async () => {
    const before = await docker.containers.listSession();
    const error = await startServices(docker, { api: service(api(), { kind: 'api', connection: (c) => ({ when: new Date(), url: c.host }) }) }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/- api \(api\): service api: connection\(\) returned something that is not plain data at connection\.when \(a Date\)/);
    expect(await docker.containers.listSession()).toEqual(before);
  });
});

describe('service() bad input', () => {
  it('is refused before any docker process', () => {
    const spawned = docker.executor.spawned;
    expect(() => service('python:3-slim' as never)).toThrow(/Invalid `service\(builder\)`.*new ContainerBuilder/);
    expect(() => service(api(), { connection: 'url' } as never)).toThrow(/Invalid `service\.connection`: "url"\. Expected a function\./);
    expect(() => service(api(), { isolat: () => ({}) } as never)).toThrow(/service\(\) has no such option\. Did you mean `isolate`\?/);
    expect(() => service(api(), { pull: 'sometimes' } as never)).toThrow(/Invalid `service\.pull`/);
    expect(() => service(api(), { byoEnv: 'API_URL', connection: () => ({}) })).toThrow(/Give `fromEnv/);
    expect(docker.executor.spawned).toBe(spawned);
  });
});
