// Fails on purpose: its Redis is paused, so its next command waits until the test times out.
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';

it('fails when its Redis is paused under it', async () => {
  // Typed by hand: the Vitest e2e project's `Register` types `services()` for the whole repository.
  const { url, keyPrefix } = (await services.isolated('cache')) as { url: string; keyPrefix: string };
  const client = new Redis(url);
  client.on('error', () => undefined);
  try {
    await client.set(`${keyPrefix}k`, '1');
    execFileSync('docker', ['pause', (services.handle().services as Record<string, { containerId: string | null }>).cache?.containerId as string]);
    expect(await client.get(`${keyPrefix}k`)).toBe('1');
  } finally {
    client.disconnect();
  }
});
