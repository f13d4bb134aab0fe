// Through the page, in headless Chromium: the sign-up form writes to this worker's database.
import { UserRepository } from '../../../app/users.js';
import { expect, test } from '../fixtures.js';
import { record } from '../record.js';

test('signs up through the page, into the worker\'s own database', async ({ page, db, dockerServices }, testInfo) => {
  const email = `alice-${Date.now()}-${testInfo.workerIndex}@example.com`;
  await page.goto('/');
  await page.getByLabel('Name').fill('Alice');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Alice');
  await expect(page.getByText(/^Member #\d+$/)).toBeVisible();

  const users = new UserRepository(db.url);
  try {
    expect(await users.findByEmail(email)).toMatchObject({ name: 'Alice', email });
    expect(await users.database()).toBe(db.database);
  } finally {
    await users.close();
  }
  record(testInfo, dockerServices, { database: db.database, redisDatabase: null });
});

test('shows no welcome for someone who never signed up', async ({ page }) => {
  await page.goto('/welcome?email=nobody%40example.com');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such user');
});
