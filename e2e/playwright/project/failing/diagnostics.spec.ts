// A test that fails on purpose: its cache is killed under it, and the failure must come with the
// services' diagnostics attached. The next test runs in the worker Playwright starts after the
// failure (same parallelIndex): it must find the same database (shared mode) or the same
// containers (per-worker mode).
import { execFileSync } from 'node:child_process';
import { expect, test } from '../fixtures.js';
import { record } from '../record.js';

test('fails when its cache dies under it', async ({ request, db, dockerServices }, testInfo) => {
  record(testInfo, dockerServices, { database: db.database });
  expect((await request.get('/api/users?email=nobody%40example.com')).status()).toBe(404);
  execFileSync('docker', ['kill', dockerServices.handle().services.cache.containerId as string], { stdio: 'ignore' });
  const after = await request.get('/api/users?email=nobody%40example.com');
  expect(after.status(), 'the answer once the cache is gone').toBe(404);
});

test('runs next in a restarted worker', async ({ db, dockerServices }, testInfo) => {
  record(testInfo, dockerServices, { database: db.database });
});
