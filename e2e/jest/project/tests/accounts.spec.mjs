// ESM test file (--experimental-vm-modules): the CommonJS runtime imported with named imports.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { services } from '@docker-wrapper/jest/runtime';
import { UserRepository } from '../../../app/users.ts';
import { record } from '../record.cjs';

const db = await services.isolated('db');
const users = new UserRepository(db.url);
beforeAll(() => undefined);
afterAll(() => users.close());

describe('accounts', () => {
  test('refuses a second account with the same email', async () => {
    const database = await users.database();
    await record('accounts', { appDatabase: database, esm: typeof require === 'undefined' });
    const email = `carol-${Date.now()}-${process.pid}@example.com`;
    await users.create(email, 'Carol');
    await expect(users.create(email, 'Carol again')).rejects.toThrow(/duplicate key/);
  });

  test('reaches the shared services too', () => {
    const { db: shared, cache, bus } = services();
    expect(shared.url).toMatch(/^postgres:\/\/[^:]+:[^@]+@127\.0\.0\.1:\d+\//);
    expect(cache.url).toMatch(/^redis:\/\//);
    expect(bus.topicPrefix).toBe('');
    expect(() => services.isolated('dbb')).toThrow(/Invalid `service`: "dbb"\. This run has no such service\. Did you mean `db`\?/);
  });
});
