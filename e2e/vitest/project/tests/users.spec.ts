import { afterAll, describe, expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import { UserRepository } from '../../../app/users.js';
import { record } from '../record.js';

const db = await services.isolated('db');
const users = new UserRepository(db.url);
afterAll(() => users.close());

describe('user repository', () => {
  it('works on a database of its own, with the schema', async () => {
    const database = await users.database();
    expect(database).toBe(db.database);
    expect(database).not.toBe(services().db.database);
    await record('users');
    const email = `alice-${Date.now()}@example.com`;
    const alice = await users.create(email, 'Alice');
    expect(await users.findByEmail(email)).toEqual(alice);
  });

  it('keeps orders with their user', async () => {
    const bob = await users.create(`bob-${Date.now()}@example.com`, 'Bob');
    expect(await users.placeOrder(bob.id, 1250)).toBeGreaterThan(0);
    await expect(users.placeOrder(bob.id, -1)).rejects.toThrow(/check constraint/);
  });
});
