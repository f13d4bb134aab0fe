// Fails on purpose: the capped Redis is filled past its memory limit and the kernel OOM-kills it.
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';

it('fails when its Redis is OOM-killed under it', async () => {
  // Typed by hand: the Vitest e2e project's `Register` types `services()` for the whole repository.
  const { url } = (await services.isolated('capped')) as { url: string };
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    const megabyte = 'x'.repeat(1024 * 1024);
    // 200 MiB into a 32 MiB container: a write fails once the server is gone.
    for (let i = 0; i < 200; i++) await client.set(`big-${i}`, megabyte);
    expect.unreachable('the capped Redis held 200 MiB');
  } finally {
    client.disconnect();
  }
});
