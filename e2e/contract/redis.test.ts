// Contract of the `redis` image our templates rely on, checked against whatever
// DOCKER_WRAPPER_IMAGE_MAP maps it to (the stand-in in CI, the official image elsewhere).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { standIn } from '../support/images.js';

const image = standIn('redis:7');
const label = 'docker-wrapper.test=contract';
const containers: string[] = [];

const docker = (...args: string[]) => execa('docker', args, { all: true });
const logs = async (id: string) => (await docker('logs', id)).all ?? '';

async function start(...args: string[]): Promise<string> {
  const { stdout } = await docker('run', '-d', '--label', label, ...args);
  const id = stdout.trim();
  containers.push(id);
  return id;
}

async function hostPort(id: string, port: number): Promise<number> {
  const { stdout } = await docker('port', id, `${port}/tcp`);
  const match = /^127\.0\.0\.1:(\d+)$/m.exec(stdout);
  if (!match) throw new Error(`no 127.0.0.1 binding for ${port}/tcp in ${JSON.stringify(stdout)}`);
  return Number(match[1]);
}

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
  afterAll(async () => {
    if (containers.length > 0) await docker('rm', '-f', '-v', ...containers);
  });

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
