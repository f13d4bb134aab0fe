// Contract of the `postgres` image our templates rely on, checked against whatever
// DOCKER_WRAPPER_IMAGE_MAP maps it to (the stand-in in CI, the official image elsewhere).
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStarter, docker, hostPort, logs } from '../support/cli.js';
import { standIn } from '../support/images.js';

const image = standIn('postgres:17');
const readyLine = 'database system is ready to accept connections';
const start = containerStarter();


const count = (text: string, line: string) => text.split(line).length - 1;

// Polls until a client connects, i.e. the final server listens (the init server is socket-only).
async function connect(config: pg.ClientConfig, id: string, deadlineMs = 60_000): Promise<pg.Client> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client(config);
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      const running = attempt % 20 === 0 ? (await docker('inspect', '-f', '{{.State.Running}}', id)).stdout : 'true';
      if (running.trim() !== 'true' || Date.now() > deadline) {
        throw new Error(`postgres never accepted connections (${String(error)}):\n${await logs(id)}`);
      }
      await sleep(50);
    }
  }
}

describe(`postgres contract (${image})`, () => {
  let initDir: string;

  beforeAll(async () => {
    initDir = await mkdtemp(join(tmpdir(), 'postgres-contract-'));
    await writeFile(
      join(initDir, '01-greetings.sql'),
      "CREATE TABLE greetings (id int PRIMARY KEY, note text NOT NULL);\nINSERT INTO greetings VALUES (1, 'grüße aus init ✓');\n",
    );
    // The server reads the scripts as its own user, not as the owner of the temp dir.
    await chmod(join(initDir, '01-greetings.sql'), 0o644);
    await chmod(initDir, 0o755);
  });

  afterAll(async () => {
    if (initDir) await rm(initDir, { recursive: true, force: true });
  });

  it('initialises user, database and init scripts, then serves on the published port', async () => {
    const password = randomBytes(12).toString('hex');
    const id = await start(
      '-p', '127.0.0.1::5432',
      '-e', 'POSTGRES_USER=app',
      '-e', `POSTGRES_PASSWORD=${password}`,
      '-e', 'POSTGRES_DB=appdb',
      '-v', `${initDir}:/docker-entrypoint-initdb.d/:ro`,
      image,
    );
    const port = await hostPort(id, 5432);
    const client = await connect({ host: '127.0.0.1', port, user: 'app', password, database: 'appdb' }, id);
    try {
      const { rows } = await client.query<{ user: string; database: string; encoding: string; note: string }>(
        `SELECT current_user AS user, current_database() AS database,
                current_setting('server_encoding') AS encoding,
                (SELECT note FROM greetings WHERE id = 1) AS note`,
      );
      expect(rows).toEqual([{ user: 'app', database: 'appdb', encoding: 'UTF8', note: 'grüße aus init ✓' }]);
    } finally {
      await client.end();
    }

    // Once from the socket-only init server, once from the final one; docker logs may trail a bit.
    let text = await logs(id);
    for (const deadline = Date.now() + 5_000; count(text, readyLine) < 2 && Date.now() < deadline; ) {
      await sleep(50);
      text = await logs(id);
    }
    expect(count(text, readyLine)).toBe(2);

    // As in the official image: loopback inside the container is trusted, the host needs the password.
    const inside = await docker('exec', id, 'psql', '-h', '127.0.0.1', '-U', 'app', '-d', 'appdb', '-tAc', 'SELECT 42');
    expect(inside.stdout.trim()).toBe('42');
    const wrong = new pg.Client({ host: '127.0.0.1', port, user: 'app', password: 'not-the-password', database: 'appdb' });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('refuses to initialise without POSTGRES_PASSWORD', async () => {
    const id = await start(image);
    const { stdout } = await docker('wait', id);
    expect(Number(stdout.trim())).not.toBe(0);
    expect(await logs(id)).toContain('POSTGRES_PASSWORD');
  });
});
