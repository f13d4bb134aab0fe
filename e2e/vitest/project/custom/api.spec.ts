// A user's own image as a service beside the templates: its typed connection in a test.
import { expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';

it('reaches the team\'s own API and the database side by side', async () => {
  const { api, db } = services();
  const response = await fetch(`${api.url}/whoami`);
  expect(await response.json()).toMatchObject({ mode: 'e2e' });
  expect(db.url).toMatch(/^postgres:/);
  // The connection is typed from the service's `connection` function.
  // @ts-expect-error: `api` has `url` only.
  expect(api.port).toBeUndefined();
  expect(await services.isolated('api')).toEqual(api);
});
