// Host ports that survive restarts, `hostPort` on request, and restart() on every template, checked
// with the real clients (pg, ioredis, kafkajs) reconnecting on the address they were given.
import getPort from 'get-port';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, type Container, type Docker } from '@docker-wrapper/core';
import { kafka, postgres, redis, type RedisConnection } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

// The host ports docker has bound for a container port right now.
async function boundPorts(container: Container, port: number): Promise<number[]> {
  return ((await container.inspect()).ports[`${port}/tcp`] ?? []).map((binding) => binding.hostPort);
}

// Polls until `check` passes (a service coming back by itself), at most 30 s.
async function eventually<T>(check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

// One command on a fresh ioredis client that gives up at once instead of retrying.
async function redisGet(connection: RedisConnection, key: string): Promise<string | null> {
  const client = new Redis(connection.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.get(key);
  } finally {
    client.disconnect();
  }
}

describe('bad host ports', () => {
  it('are refused by every template before any docker process starts', () => {
    const before = docker.executor.spawned;
    expect(() => postgres({ hostPort: 0 })).toThrow(/`postgres.hostPort`: 0\. Expected a whole number from 1 to 65535/);
    expect(() => redis({ hostPort: 65_536 })).toThrow(/`redis.hostPort`: 65536\./);
    expect(() => kafka({ hostPort: 9092.5 })).toThrow(/`kafka.hostPort`: 9092.5\./);
    expect(() => redis({ hostPort: '6380' as never })).toThrow(InvalidOptionError);
    expect(docker.executor.spawned).toBe(before);
  });
});

describe('postgres restart()', () => {
  it('keeps the URL: a pg pool reconnects on it, the data is there, isolate() works', async () => {
    await using service = await postgres({ database: 'app', initScripts: [{ sql: 'CREATE TABLE items (name text);' }] }).start(docker);
    const { url, port } = service.connection;
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    // The server ends the pool's idle connection when it restarts; the pool drops it.
    pool.on('error', () => undefined);
    try {
      await pool.query("INSERT INTO items VALUES ('before')");
      await service.restart();
      expect(service.connection.url).toBe(url);
      expect(await boundPorts(service.container as Container, 5432)).toEqual([port]);
      const rows = await eventually(async () => (await pool.query<{ name: string }>('SELECT name FROM items')).rows);
      expect(rows).toEqual([{ name: 'before' }]);
    } finally {
      await pool.end();
    }
    const isolated = await service.isolate('after-restart');
    const client = new pg.Client({ connectionString: isolated.url });
    await client.connect();
    expect((await client.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows).toEqual([{ n: '0' }]);
    await client.end();
  });

  it('publishes on the hostPort asked for', async () => {
    const hostPort = await getPort();
    await using service = await postgres({ hostPort }).start(docker);
    expect(service.connection.port).toBe(hostPort);
    expect(service.connection.url).toContain(`@127.0.0.1:${hostPort}/`);
    const client = new pg.Client({ connectionString: service.connection.url });
    await client.connect();
    await client.end();
  });
});

describe('redis host ports', () => {
  it('keep the URL across restart(), a stop and start, and a restart by the daemon', async () => {
    await using cache = await redis().start(docker);
    const container = cache.container as Container;
    const { port } = cache.connection;
    // A long-lived client, as an app under test holds one: it reconnects by itself.
    const app = new Redis(cache.connection.url);
    app.on('error', () => undefined);
    try {
      await app.set('k', 'v');
      await cache.restart();
      expect(await boundPorts(container, 6379)).toEqual([port]);
      // No persistence: the restarted server starts empty, on the same address.
      expect(await redisGet(cache.connection, 'k')).toBeNull();
      expect(await eventually(() => app.ping())).toBe('PONG');

      await container.stop({ timeoutSeconds: 1 });
      await docker.executor.run({ args: ['start', container.id], parse: () => undefined });
      expect(await boundPorts(container, 6379)).toEqual([port]);
      expect(await eventually(() => redisGet(cache.connection, 'k'))).toBeNull();

      // The daemon restarts it after the server exits by itself (restart policy `always`).
      await docker.executor.run({ args: ['update', '--restart', 'always', container.id], parse: () => undefined });
      await cache.command(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
      // Counted as restarted once the restart begins; on a loaded machine docker lists its ports a
      // moment after it reads as running again (seen in CI: running, no ports yet).
      const rebound = await eventually(async () => {
        const info = await container.inspect();
        const ports = (info.ports['6379/tcp'] ?? []).map((binding) => binding.hostPort);
        if (info.restartCount < 1 || !info.state.running || ports.length === 0) throw new Error('not restarted yet');
        return ports;
      });
      expect(rebound).toEqual([port]);
      expect(await eventually(() => app.set('after', 'yes'))).toBe('OK');
      expect(await redisGet(cache.connection, 'after')).toBe('yes');
    } finally {
      app.disconnect();
    }
  });

  it('publishes on the hostPort asked for', async () => {
    const hostPort = await getPort();
    await using cache = await redis({ hostPort, password: null }).start(docker);
    expect(cache.connection).toMatchObject({ port: hostPort, url: `redis://127.0.0.1:${hostPort}/0` });
    expect(await boundPorts(cache.container as Container, 6379)).toEqual([hostPort]);
    expect(await redisGet(cache.connection, 'nothing')).toBeNull();
  });

  it('a reused container keeps its port, through restart() too', async () => {
    // A spec no earlier run used.
    const options = { reuse: true, args: ['--dbfilename', `dw-${Date.now()}.rdb`] };
    const first = await redis(options).start(docker);
    const container = first.container as Container;
    try {
      const again = await redis(options).start(docker);
      expect(again.reused).toBe(true);
      expect(again.connection).toEqual(first.connection);
      await again.restart();
      expect(await boundPorts(container, 6379)).toEqual([first.connection.port]);
      expect(await redisGet(first.connection, 'k')).toBeNull();
    } finally {
      // Only this test's container: prune() would also take other suites' reused services.
      await container.remove();
    }
  });
});

describe('kafka restart()', () => {
  it('keeps the brokers address: a producer without retries sends at once after it, and the records from before are still there', async () => {
    const hostPort = await getPort();
    await using bus = await kafka({ hostPort, topics: [{ name: 'orders', partitions: 2 }], startupTimeout: 120_000 }).start(docker);
    expect(bus.connection.brokers).toEqual([`127.0.0.1:${hostPort}`]);
    const client = new Kafka({ clientId: 'dw-test', brokers: bus.connection.brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const send = async (value: string) => {
      const producer = client.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({ topic: 'orders', messages: [{ partition: 0, value }, { partition: 1, value }] });
      } finally {
        await producer.disconnect();
      }
    };
    await send('before');
    await bus.restart({ timeout: 120_000 });
    expect(await boundPorts(bus.container as Container, 9092)).toEqual([hostPort]);
    await send('after');
    const admin = client.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets('orders');
      expect(offsets.map((o) => o.high).sort()).toEqual(['2', '2']);
    } finally {
      await admin.disconnect();
    }
  });
});
