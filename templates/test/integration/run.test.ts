// The run layer every adapter shares: start once, hand plain data to other processes, isolate and
// read diagnostics from there, stop everything.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunClient, ServicesStartError, parseRunHandle, postgres, redis, startRun, type Run } from '@docker-wrapper/templates';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('../fixtures/run-worker.mjs', import.meta.url));
const templates = { db: postgres(), cache: redis() };

async function inWorker(handle: unknown, service: string, keys: string[]) {
  const { stdout } = await run(process.execPath, [worker, service, ...keys], { env: { ...process.env, DOCKER_WRAPPER_RUN: JSON.stringify(handle) } });
  return JSON.parse(stdout) as { isolated: Array<Record<string, unknown>>; diagnosticsServices: string[]; text: string };
}

async function labelled(sessionId: string): Promise<string> {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=docker-wrapper.session=${sessionId}`]);
  return stdout.trim();
}

describe('startRun', () => {
  let started: Run<typeof templates>;
  beforeAll(async () => {
    started = await startRun(templates, { docker: { handleSignals: false } });
  });
  afterAll(async () => {
    await started?.stop();
  });

  it('hands out plain, cloneable data', () => {
    const { handle } = started;
    expect(structuredClone(handle)).toEqual(handle);
    expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
    expect(handle.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(handle.services.db).toMatchObject({ kind: 'postgres', reused: false });
    expect(handle.services.db.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(handle.connections.db.url).toMatch(/^postgres:\/\//);
    expect(parseRunHandle(JSON.stringify(handle), 'x')).toEqual(handle);
  });

  it('isolates from other processes: one key, one database, whoever asks', async () => {
    const [a, b] = await Promise.all([inWorker(started.handle, 'db', ['w1', 'w2']), inWorker(started.handle, 'db', ['w1'])]);
    const [w1, w2] = a.isolated as [{ url: string; database: string }, { url: string; database: string }];
    expect(b.isolated[0]).toEqual(w1);
    expect(w1.database).not.toBe(w2.database);
    expect(w1.database).not.toBe(started.handle.connections.db.database);
    const client = new pg.Client({ connectionString: w1.url });
    await client.connect();
    try {
      expect((await client.query('SELECT current_database() AS db')).rows[0]).toEqual({ db: w1.database });
    } finally {
      await client.end();
    }
    const cache = await inWorker(started.handle, 'cache', ['w1', 'w2']);
    expect(cache.isolated[0]?.database).not.toBe(cache.isolated[1]?.database);
  });

  it('answers diagnostics for a time range, secrets masked', async () => {
    const answer = await inWorker(started.handle, 'cache', []);
    expect(answer.diagnosticsServices.sort()).toEqual(['cache', 'db']);
    expect(answer.text).toMatch(/^\[db\]\n── Diagnostics of /);
    expect(answer.text).not.toContain(started.handle.connections.db.password);
    expect(answer.text).not.toContain(String(started.handle.connections.cache.password));
  });

  it('refuses a wrong token and an unknown service with clear errors', async () => {
    const forged = new RunClient({ ...started.handle, token: 'wrong' });
    await expect(forged.isolate('db', 'k')).rejects.toMatchObject({ message: 'Missing or wrong run token.' });
    const client = new RunClient(started.handle);
    expect(() => client.isolate('dbb' as 'db', 'k')).toThrow(/no such service\. Did you mean `db`\?/);
  });
});

describe('startRun failures', () => {
  it('refuses a map that holds no templates before any docker process', async () => {
    await expect(startRun({ db: postgres } as never)).rejects.toThrow(/Invalid `services\.db`.*call it, like `db: postgres\(\)`/);
    await expect(startRun({ db: { image: 'postgres' } } as never)).rejects.toThrow(/Invalid `services\.db`/);
    await expect(startRun({})).rejects.toThrow(/at least one service/);
    await expect(startRun(templates, { diagnostic: true } as never)).rejects.toThrow(/Invalid `diagnostic`/);
  });

  it('leads with each failed service and its cause, and leaves nothing running', async () => {
    const sessionId = `run-fail-${process.pid}-${Date.now()}`;
    const error = (await startRun({ cache: redis(), typo: redis({ image: 'redsi:7', pull: 'never' }), bad: redis({ image: 'docker-wrapper-missing/x:1', pull: 'never' }) }, { docker: { handleSignals: false, sessionId } }).catch((e: unknown) => e)) as ServicesStartError;
    expect(error).toBeInstanceOf(ServicesStartError);
    expect(error.code).toBe('STARTUP_FAILED');
    const [headline, first, second] = error.message.split('\n');
    expect(headline).toBe('2 of 3 service(s) failed to start:');
    expect(first).toMatch(/^- typo \(redis\): .*redsi:7.* \[IMAGE_NOT_FOUND\]$/);
    expect(second).toMatch(/^- bad \(redis\): .*docker-wrapper-missing\/x:1.* \[IMAGE_NOT_FOUND\]$/);
    expect(first?.length).toBeLessThan(200);
    expect(error.message).toMatch(/\(\d+ label\(s\) elided\)/);
    expect(error.message).not.toContain('docker-wrapper.session=');
    expect(error.errors).toHaveLength(2);
    expect(error.failures.map((f) => f.service)).toEqual(['typo', 'bad']);
    expect(await labelled(sessionId)).toBe('');
  });

  it('stops everything it started when stopped, twice is fine', async () => {
    const once = await startRun({ cache: redis() }, { docker: { handleSignals: false } });
    const { sessionId } = once.handle;
    expect(await labelled(sessionId)).not.toBe('');
    await Promise.all([once.stop(), once.stop()]);
    expect(await labelled(sessionId)).toBe('');
    await expect(new RunClient(once.handle).isolate('cache', 'k')).rejects.toThrow(/did not answer \/isolate/);
  });

  it('keeps the containers with keep: true, and reuses a running one with reuse: true', async () => {
    const kept = await startRun({ cache: redis() }, { keep: true, docker: { handleSignals: false, log: () => undefined } });
    const keptId = kept.handle.services.cache.containerId as string;
    await kept.stop();
    try {
      expect((await run('docker', ['inspect', '-f', '{{.State.Running}}', keptId])).stdout.trim()).toBe('true');
    } finally {
      await run('docker', ['rm', '-f', '-v', keptId]);
    }
    // A password of its own keeps this reuse hash apart from any other test's.
    const reusable = { cache: redis({ password: `reuse-${process.pid}-${Date.now()}` }) };
    const first = await startRun(reusable, { reuse: true, docker: { handleSignals: false } });
    const id = first.handle.services.cache.containerId as string;
    try {
      expect(reusable.cache.options).not.toHaveProperty('reuse');
      await first.stop();
      const second = await startRun(reusable, { reuse: true, docker: { handleSignals: false } });
      expect(second.handle.services.cache).toEqual({ kind: 'redis', containerId: id, reused: true });
      await second.stop();
    } finally {
      await run('docker', ['rm', '-f', '-v', id]);
    }
  });
});
