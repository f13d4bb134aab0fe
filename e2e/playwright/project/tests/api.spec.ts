// Through the `request` fixture: the JSON API creates users in Postgres and serves them through
// the Redis cache of this worker.
import { Redis } from 'ioredis';
import { expect, test } from '../fixtures.js';
import { record } from '../record.js';

test('creates a user, then serves it from the cache', async ({ request, cache, db, dockerServices }, testInfo) => {
  const email = `bob-${Date.now()}-${testInfo.workerIndex}@example.com`;
  const created = await request.post('/api/users', { data: { email, name: 'Bob' } });
  expect(created.status()).toBe(201);
  expect((await request.post('/api/users', { data: { email, name: 'Bob again' } })).status()).toBe(409);

  const first = await request.get(`/api/users?email=${encodeURIComponent(email)}`);
  expect(first.status()).toBe(200);
  expect(first.headers()['x-cache']).toBe('miss');
  const second = await request.get(`/api/users?email=${encodeURIComponent(email)}`);
  expect(second.headers()['x-cache']).toBe('hit');
  expect(await second.json()).toMatchObject({ email, name: 'Bob' });

  // The cached entry sits in this worker's own logical database, under its prefix.
  const redis = new Redis(cache.url, { lazyConnect: true });
  try {
    expect(await redis.exists(`${cache.keyPrefix}user:${email}`)).toBe(1);
  } finally {
    redis.disconnect();
  }
  record(testInfo, dockerServices, { database: db.database, redisDatabase: cache.database });
});

test('answers 404 for an unknown user', async ({ request }) => {
  expect((await request.get('/api/users?email=nobody%40example.com')).status()).toBe(404);
});
