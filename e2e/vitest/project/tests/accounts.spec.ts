import { afterAll, describe, expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import { UserRepository } from '../../../app/users.js';
import { record } from '../record.js';

const db = await services.isolated('db');
const users = new UserRepository(db.url);
afterAll(() => users.close());

describe('accounts', () => {
  it('refuses a second account with the same email', async () => {
    const database = await users.database();
    await record('accounts', { appDatabase: database });
    const email = `carol-${Date.now()}-${process.pid}@example.com`;
    await users.create(email, 'Carol');
    await expect(users.create(email, 'Carol again')).rejects.toThrow(/duplicate key/);
  });

  it('reaches the shared database too', () => {
    const { db: shared, cache, bus } = services();
    expect(shared.url).toMatch(/^postgres:\/\/[^:]+:[^@]+@127\.0\.0\.1:\d+\//);
    expect(cache.url).toMatch(/^redis:\/\//);
    expect(bus.topicPrefix).toBe('');
    // @ts-expect-error: services() is typed from the services map, so a typo does not compile.
    expect(shared.urll).toBeUndefined();
  });
});
