// CommonJS test file: the runtime and the app are required (no ES module enters the registry).
const { services } = require('@docker-wrapper/jest/runtime');
const { UserRepository } = require('../../../app/users.ts');
const { record } = require('../record.cjs');

let db;
let users;
beforeAll(async () => {
  db = await services.isolated('db');
  users = new UserRepository(db.url);
});
afterAll(() => users?.close());

describe('user repository', () => {
  test('works on a database of its own, with the schema', async () => {
    const database = await users.database();
    expect(database).toBe(db.database);
    expect(database).not.toBe(services().db.database);
    await record('users');
    const email = `alice-${Date.now()}@example.com`;
    const alice = await users.create(email, 'Alice');
    expect(await users.findByEmail(email)).toEqual(alice);
  });

  test('keeps orders with their user', async () => {
    const bob = await users.create(`bob-${Date.now()}@example.com`, 'Bob');
    expect(await users.placeOrder(bob.id, 1250)).toBeGreaterThan(0);
    await expect(users.placeOrder(bob.id, -1)).rejects.toThrow(/check constraint/);
  });
});
