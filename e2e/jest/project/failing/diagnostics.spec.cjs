// A test that fails on purpose: its cache is killed under it, and the failure must come with the
// services' diagnostics (the outer e2e test reads the output and the JSON report).
const { execFileSync } = require('node:child_process');
const { services } = require('@docker-wrapper/jest/runtime');
const { Cache } = require('../../../app/cache.ts');

test('fails when its cache dies under it', async () => {
  const redis = await services.isolated('cache');
  const cache = new Cache(redis.url, redis.keyPrefix);
  try {
    expect(await cache.getOrLoad('k', 60, async () => 1)).toBe(1);
    execFileSync('docker', ['kill', services.handle().services.cache.containerId]);
    await cache.getOrLoad('k2', 60, async () => 2);
  } finally {
    await cache.close();
  }
});

test('passes, and gets nothing extra', () => {
  expect(services().db.url).toMatch(/^postgres:\/\//);
});
