import { afterAll, describe, expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import { Cache } from '../../../app/cache.js';
import { record } from '../record.js';

const redis = await services.isolated('cache');
const cache = new Cache(redis.url, redis.keyPrefix);
afterAll(() => cache.close());

describe('cache', () => {
  it('loads once, then serves from Redis with a time to live', async () => {
    await record('cache', { redisDatabase: redis.database });
    const key = `answer-${Date.now()}`;
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.getOrLoad(key, 60, load)).toEqual({ n: 1 });
    expect(await cache.getOrLoad(key, 60, load)).toEqual({ n: 1 });
    expect(loads).toBe(1);
    expect(await cache.ttl(key)).toBeGreaterThan(50);
  });
});
