// Compiled by the outer e2e test (tsc), never run: the fixtures are typed from the services map.
import { test as base } from '@playwright/test';
import { withServices } from '@docker-wrapper/playwright';
import { postgres, redis } from '@docker-wrapper/templates';
import { test } from './fixtures.js';

test('typed connections', async ({ db, cache, app, dockerServices }) => {
  const url: string = db.url;
  const database: number = cache.database;
  const prefix: string = cache.keyPrefix;
  const base: string = app.url;
  const mode: 'shared' | 'per-worker' = dockerServices.mode;
  // @ts-expect-error: a typo in a connection's field does not compile.
  void db.urll;
  void [url, database, prefix, base, mode];
});

// @ts-expect-error: a service may not take the name of one of Playwright's fixtures.
withServices(base, { page: postgres(), cache: redis() });

// A user's further worker fixture sees the typed connection.
export const extended = test.extend<object, { dbName: string }>({
  dbName: [async ({ db }, use) => use(db.database), { scope: 'worker' }],
});
