// Locks taken on the engine itself (for engines several machines share) and the engine's identity
// in keys, against whichever engine DOCKER_HOST / DOCKER_CONTEXT point at (`npm run test:engines`
// runs this file on each).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Docker, SESSION_LABEL, engineIdentity } from '@docker-wrapper/core';
import { redis } from '@docker-wrapper/templates';
import { LOCK_LABEL, lockContainerName, withEngineLock } from '../../src/engine-lock.js';
import { connectForTest } from '../support/docker.js';

const holdScript = fileURLToPath(new URL('../fixtures/hold-engine-lock.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let a: Docker;
let b: Docker;
let image: string;
beforeAll(async () => {
  [a, b] = await Promise.all([connectForTest(), connectForTest()]);
  image = a.images.resolve('debian:bookworm-slim');
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

// The lock containers of `name` on the engine, with their session label.
async function lockContainers(docker: Docker, name: string): Promise<string[]> {
  const result = await docker.executor.raw(['ps', '-a', '--filter', `label=${LOCK_LABEL}=${name}`, '--format', `{{.Label "${SESSION_LABEL}"}}`]);
  return result.stdout.split('\n').filter(Boolean);
}

describe('engine lock', () => {
  it('holders in two sessions take turns; the lock is a container labelled with the holder session, gone afterwards', async () => {
    const name = `test-${randomBytes(4).toString('hex')}`;
    const spans: Array<{ session: string; from: number; to: number; seen: string[] }> = [];
    const hold = (docker: Docker) => withEngineLock(docker, name, image, async () => {
      const from = Date.now();
      const seen = await lockContainers(docker, name);
      await sleep(300);
      spans.push({ session: docker.sessionId, from, to: Date.now(), seen });
    });
    await Promise.all([hold(a), hold(b), hold(a)]);
    expect(spans).toHaveLength(3);
    spans.sort((x, y) => x.from - y.from);
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    for (const span of spans) expect(span.seen).toEqual([span.session]);
    expect(await lockContainers(a, name)).toEqual([]);
  });

  it("a holder killed by SIGKILL: its reaper removes the lock, and the next holder gets it", async () => {
    const name = `test-${randomBytes(4).toString('hex')}`;
    const child = spawn(process.execPath, [holdScript, name, image], { stdio: ['pipe', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`hold-engine-lock.mjs exited with ${code}`)));
    });
    const { sessionId } = JSON.parse(line) as { sessionId: string };
    expect(await lockContainers(a, name)).toEqual([sessionId]);
    expect((await a.executor.raw(['inspect', '--format', '{{.Name}}', lockContainerName(name)])).stdout.trim()).toMatch(new RegExp(`/?${lockContainerName(name)}$`));
    child.kill('SIGKILL');
    let acquired = false;
    await withEngineLock(a, name, image, async () => {
      acquired = true;
      expect(await lockContainers(a, name)).toEqual([a.sessionId]);
    }, 60_000);
    expect(acquired).toBe(true);
  });
});

describe('engine identity', () => {
  it('is one key for every session on the engine', async () => {
    const [x, y] = await Promise.all([engineIdentity(a), engineIdentity(b)]);
    expect(x.key).toMatch(/^[0-9a-f]{16}$/);
    expect(y).toEqual(x);
  });
});

describe('Docker.connect({ context })', () => {
  it('reaches the engine the environment names, by `context` (the ssh engine) or `host`, and hands out its host', async () => {
    const name = (await a.executor.raw(['context', 'show'])).stdout.trim();
    expect(name).not.toBe('');
    const env = { ...process.env };
    delete env.DOCKER_CONTEXT;
    // A DOCKER_HOST would win over contexts: this session is reached through the context alone.
    const viaHost = env.DOCKER_HOST;
    delete env.DOCKER_HOST;
    const docker = await Docker.connect({ handleSignals: false, connectTimeoutMs: 10_000, env, ...(viaHost ? { host: viaHost } : { context: name }) });
    try {
      expect((await engineIdentity(docker)).key).toBe((await engineIdentity(a)).key);
      const cache = await redis().start(docker);
      expect(cache.connection.host).toBe(docker.host);
      await cache.stop();
    } finally {
      await docker.close();
    }
  });
});
