// Keeps the run busy so the outer e2e test can kill Playwright in the middle of it.
import { test } from '../fixtures.js';

test('waits', async ({ db }) => {
  test.setTimeout(120_000);
  test.info().annotations.push({ type: 'database', description: db.database });
  await new Promise((resolve) => setTimeout(resolve, 90_000));
});
