import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Docker } from '@docker-wrapper/core';
import { redis, type RedisConnection } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

async function withClient<T>(connection: RedisConnection, fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(connection.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

describe('redis', () => {
  it('requires the given password', async () => {
    await using cache = await redis({ password: 'x-password-1' }).start(docker);
    expect(cache.connection.url).toBe(`redis://:x-password-1@127.0.0.1:${cache.connection.port}/0`);
    expect(await withClient(cache.connection, async (c) => { await c.set('k', 'v'); return c.get('k'); })).toBe('v');
    const anonymous = new Redis({ host: cache.connection.host, port: cache.connection.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    anonymous.on('error', () => undefined);
    await anonymous.connect().catch(() => undefined);
    await expect(anonymous.get('k')).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();
  });

  it('has a random password by default, isolates keys in logical databases, and flushes', async () => {
    await using cache = await redis().start(docker);
    expect(cache.connection.password).toMatch(/^[\w-]{24}$/);
    const a = await cache.isolate('worker-a');
    const b = await cache.isolate('worker-b');
    expect(a.database).not.toBe(b.database);
    expect(await cache.isolate('worker-a')).toEqual(a);
    await withClient(a, (c) => c.set('shared-name', 'from-a'));
    expect(await withClient(b, (c) => c.get('shared-name'))).toBeNull();
    expect(await withClient(a, (c) => c.get('shared-name'))).toBe('from-a');
    await cache.flush();
    expect(await withClient(a, (c) => c.get('shared-name'))).toBeNull();
    // stop() is safe to call twice (and once more by `await using`).
    await Promise.all([cache.stop(), cache.stop()]);
    await expect(cache.container?.inspect()).rejects.toMatchObject({ code: 'NO_SUCH_CONTAINER' });
  });

  it('rejects bad options before anything starts', () => {
    expect(() => redis({ version: 'seven' })).toThrow(/`redis.version`: "seven"/);
    expect(() => redis({ pasword: 'x' } as never)).toThrow(/Did you mean `password`\?/);
  });
});
