import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadPg } from '../../src/postgres/pg-client.js';

describe('loadPg', () => {
  it('loads node-postgres, the optional peer dependency, when it is installed', async () => {
    expect(await loadPg()).toBe(pg.Client);
  });

  it('says what to install when the package is missing', async () => {
    const error = await loadPg('docker-wrapper-no-such-package').then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'MISSING_DEPENDENCY' });
    expect((error as Error).message).toMatch(/^isolate\(\) on a Postgres from DOCKER_WRAPPER_POSTGRES_URL runs its SQL through the `docker-wrapper-no-such-package` package .* Install it: npm install --save-dev docker-wrapper-no-such-package$/);
  });
});
