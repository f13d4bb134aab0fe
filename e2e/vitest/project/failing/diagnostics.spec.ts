// A test that fails on purpose: its cache is killed under it, and the failure must come with the
// services' diagnostics (the outer e2e test reads the output and the JSON report).
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import { Cache } from '../../../app/cache.js';

it('fails when its cache dies under it', async () => {
  const redis = await services.isolated('cache');
  const cache = new Cache(redis.url, redis.keyPrefix);
  try {
    expect(await cache.getOrLoad('k', 60, async () => 1)).toBe(1);
    execFileSync('docker', ['kill', services.handle().services.cache.containerId as string]);
    await cache.getOrLoad('k2', 60, async () => 2);
  } finally {
    await cache.close();
  }
});
