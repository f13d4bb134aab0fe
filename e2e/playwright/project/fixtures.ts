// The suite's test: the services as worker fixtures, extended with the web app (a worker fixture
// over this worker's database and cache) and `baseURL` pointing at it.
import { test as base } from '@playwright/test';
import { withServices } from '@docker-wrapper/playwright';
import { services } from './services.js';
import { startWebApp, type WebApp } from './web/server.js';

export const test = withServices(base, services).extend<{ baseURL: string }, { app: WebApp }>({
  app: [async ({ db, cache }, use) => {
    const app = await startWebApp(db.url, cache);
    await use(app);
    await app.close();
  }, { scope: 'worker' }],
  baseURL: async ({ app }, use) => use(app.url),
});

export { expect } from '@playwright/test';
