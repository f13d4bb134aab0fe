// A team's compose file as one service: each compose service's plain connection data in a test.
import { expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import pg from 'pg';

it('reaches every compose service of the stack, and the app reaches its dependencies by name', async () => {
  const { stack } = services();
  expect(Object.keys(stack.services).sort()).toEqual(['app', 'cache', 'db']);
  const { app, db } = stack.services as Record<'app' | 'db', (typeof stack.services)[string]>;
  const response = await fetch(`http://${app.host}:${app.ports[8000]}/deps`);
  expect(await response.json()).toEqual({ cache: '+PONG', db: true });
  const client = new pg.Client({ host: db.host, port: db.ports[5432], user: 'postgres', password: 'compose-secret-pw', database: 'shop' });
  await client.connect();
  const { rows } = await client.query<{ db: string }>('select current_database() as db');
  await client.end();
  expect(rows[0]?.db).toBe('shop');
  expect(await services.isolated('stack')).toEqual(stack);
});
