// Contract of the `redis` image our templates rely on, checked against whatever
// DOCKER_WRAPPER_IMAGE_MAP maps it to (the stand-in in CI, the official image elsewhere).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { containerStarter, hostPort, logs } from '../support/cli.js';
import { standIn } from '../support/images.js';

const image = standIn('redis:7');
const start = containerStarter();


// One connection attempt per client: the polling below does the retrying.
const once: RedisOptions = { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 };

async function connect(options: RedisOptions, id: string, deadlineMs = 30_000): Promise<Redis> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const client = new Redis({ ...once, ...options });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return client;
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline) throw new Error(`redis never answered PING (${String(error)}):\n${await logs(id)}`);
      await sleep(50);
    }
  }
}

describe(`redis contract (${image})`, () => {
  it('runs redis-server with leading options and requires the password from the host', async () => {
    const password = randomBytes(12).toString('hex');
    const id = await start('-p', '127.0.0.1::6379', image, '--requirepass', password);
    const port = await hostPort(id, 6379);

    const client = await connect({ host: '127.0.0.1', port, password }, id);
    try {
      const value = `value-${randomBytes(4).toString('hex')}`;
      expect(await client.set('contract:key', value)).toBe('OK');
      expect(await client.get('contract:key')).toBe(value);
    } finally {
      client.disconnect();
    }

    // No ready check: it would turn NOAUTH into endless reconnects instead of a command error.
    const anonymous = new Redis({ ...once, host: '127.0.0.1', port, enableReadyCheck: false });
    anonymous.on('error', () => {});
    try {
      await anonymous.connect();
      await expect(anonymous.get('contract:key')).rejects.toThrow(/NOAUTH/);
    } finally {
      anonymous.disconnect();
    }

    expect(await logs(id)).toContain('Ready to accept connections');
  });
});
