import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Docker } from '@docker-wrapper/core';
import { prune, redis, startServices, postgres, REUSE_LABEL } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';
import { startInProcess } from '../support/processes.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

describe('reuse', () => {
  it('two processes asking at once start one container, which outlives them until prune()', async () => {
    // A spec no earlier run has used.
    const options = { reuse: true, args: ['--dbfilename', `dw-${randomBytes(4).toString('hex')}.rdb`] };
    const [a, b] = await Promise.all([startInProcess('redis', options), startInProcess('redis', options)]);
    expect(a.result.containerId).toBeDefined();
    expect(a.result.containerId).toBe(b.result.containerId);
    expect([a.result.reused, b.result.reused].sort()).toEqual([false, true]);
    expect(a.result.connection).toEqual(b.result.connection);
    await Promise.all([a.finish(), b.finish()]);

    // Left running for the next run, and found again.
    const again = await redis(options).start(docker);
    expect(again.reused).toBe(true);
    expect(again.container?.id).toBe(a.result.containerId);
    expect(again.connection).toEqual(a.result.connection);
    expect((await again.container?.inspect())?.labels[REUSE_LABEL]).toMatch(/^[0-9a-f]{16}$/);
    await again.stop();
    expect((await again.container?.inspect())?.state.running).toBe(true);

    const pruned = await prune(docker, { cache: false, kinds: ['redis'] });
    expect(pruned.containers).toContain(a.result.containerId);
    await expect(docker.containers.get(a.result.containerId as string)).rejects.toMatchObject({ code: 'NO_SUCH_CONTAINER' });
  });
});

describe('startServices', () => {
  it('starts a map of templates in parallel and hands out plain connections', async () => {
    await using env = await startServices(docker, { db: postgres({ database: 'app' }), cache: redis() });
    expect(Object.keys(env.connections).sort()).toEqual(['cache', 'db']);
    expect(env.connections.db.database).toBe('app');
    expect(typeof env.connections.cache.port).toBe('number');
    expect(JSON.parse(JSON.stringify(env.connections))).toEqual(env.connections);
    const worker = await env.isolate('worker-7');
    expect(worker.db.database).toMatch(/^app_worker_7_/);
    expect(worker.cache.database).toBeGreaterThan(0);
  });

  it('records diagnostics of its services for failure reports', async () => {
    const since = Date.now();
    await using env = await startServices(docker, { cache: redis({ args: ['--maxmemory', '8mb'] }) }, { diagnostics: true });
    await env.services.cache.container?.kill('KILL');
    await expect.poll(async () => (await env.diagnostics({ since })).cache?.findings.join('\n') ?? '', { timeout: 15_000 }).toMatch(/exited with code 137/);
    const text = await env.diagnosticsText({ since });
    expect(text).toMatch(/^\[cache\]\n── Diagnostics of dw-redis-/);
    expect(text).not.toContain(env.connections.cache.password as string);
  });

  it('stops the services that started when another fails, and names the failure', async () => {
    const before = await docker.containers.listSession();
    const error = await startServices(docker, { cache: redis(), broken: redis({ image: 'docker-wrapper-missing/redis:1', pull: 'never' }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STARTUP_FAILED' });
    expect((error as Error).message).toMatch(/1 of 2 service\(s\) failed to start:\n- broken \(redis\): /);
    expect(await docker.containers.listSession()).toEqual(before);
  });
});
