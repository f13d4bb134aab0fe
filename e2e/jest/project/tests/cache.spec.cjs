const { services } = require('@docker-wrapper/jest/runtime');
const { Cache } = require('../../../app/cache.ts');
const { record } = require('../record.cjs');

let redis;
let cache;
beforeAll(async () => {
  redis = await services.isolated('cache');
  cache = new Cache(redis.url, redis.keyPrefix);
});
afterAll(() => cache?.close());

test('loads once, then serves from Redis with a time to live', async () => {
  if (services.handle().connections.db) await record('cache', { redisDatabase: redis.database });
  const key = `answer-${Date.now()}`;
  let loads = 0;
  const load = async () => ({ n: ++loads });
  expect(await cache.getOrLoad(key, 60, load)).toEqual({ n: 1 });
  expect(await cache.getOrLoad(key, 60, load)).toEqual({ n: 1 });
  expect(loads).toBe(1);
  expect(await cache.ttl(key)).toBeGreaterThan(50);
});
