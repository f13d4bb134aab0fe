// A TypeScript test file (compiled by ts-transform.cjs): services() is typed from the config file.
import { expect, test } from '@jest/globals';
import { services } from '@docker-wrapper/jest/runtime';

test('services() is typed from the config file', async () => {
  const { db, cache, bus } = services();
  const port: number = db.port;
  expect(port).toBeGreaterThan(0);
  expect(cache.url).toMatch(/^redis:\/\//);
  const brokers: string[] = bus.brokers;
  expect(brokers.length).toBeGreaterThan(0);
  const mine = await services.isolated('cache');
  expect(mine.database).not.toBe(cache.database);
  // @ts-expect-error: a typo does not compile.
  expect(db.urll).toBeUndefined();
  expect(() => services.isolated('queue')).toThrow(/no such service/);
});
