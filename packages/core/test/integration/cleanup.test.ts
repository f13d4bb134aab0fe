import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, Wait } from '../../src/index.js';
import { buildDist } from '../support/build.js';
import { docker as cli, processList, sessionResources, waitUntilGone } from '../support/cli.js';
import { connectForTest } from '../support/docker.js';
import { PODMAN_LACKS, unlessPodman } from '../support/engine.js';

const core = fileURLToPath(new URL('../../', import.meta.url));
const sessionScript = join(core, 'test/fixtures/processes/session.mjs');
const reaperScript = join(core, 'test/fixtures/processes/reaper-from-source.mjs');
const idle = () => new ContainerBuilder('debian:bookworm-slim').command(['sleep', '600']).waitFor(Wait.none());

interface Child {
  process: ChildProcess;
  /** The JSON line the script printed once its resources existed. */
  report: Record<string, unknown>;
}

// Starts a node script and waits for the JSON line it prints once set up.
async function startScript(script: string, args: string[] = []): Promise<Child> {
  const typescript = (process.features as { typescript?: unknown }).typescript ? [] : ['--experimental-strip-types', '--no-warnings'];
  const child = spawn(process.execPath, [...typescript, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before reporting:\n${stderr}`)));
  });
  const report = JSON.parse(await first) as Record<string, unknown>;
  return { process: child, report };
}

// The session's unread event stream (see session.mjs): its `docker events` processes.
async function unreadStreams(sessionId: string): Promise<string[]> {
  return (await processList()).filter((line) => / events .*label=docker-wrapper\.test-unread=/.test(line) && line.includes(sessionId));
}

// Ends `child` with `signal` and resolves with how it exited.
async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(signal);
  const [code, exitSignal] = await exited;
  return { code, signal: exitSignal };
}

// The reaper processes watching `sessionId`.
async function reapers(sessionId: string): Promise<string[]> {
  return (await processList()).filter((line) => /reaper-main\.(js|ts) /.test(line) && line.includes(` ${sessionId} `));
}

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

beforeAll(() => {
  // The session script imports the built package: build it from the current source (incremental).
  buildDist('packages/core/tsconfig.json');
});

describe('a session process that dies', () => {
  it('SIGKILL: the detached watcher removes every labelled container, network and volume within 10 s', async () => {
    const child = await startScript(sessionScript);
    const sessionId = child.report.sessionId as string;
    const before = await sessionResources(sessionId);
    expect(before.containers).toHaveLength(2);
    expect(before.networks).toHaveLength(1);
    expect(before.volumes).toHaveLength(1);
    // The watcher runs from the built package.
    expect((await reapers(sessionId)).some((line) => line.includes('dist/cleanup/reaper-main.js'))).toBe(true);

    expect(await unreadStreams(sessionId)).toHaveLength(1);

    expect((await kill(child.process, 'SIGKILL')).signal).toBe('SIGKILL');
    const { elapsedMs, left } = await waitUntilGone(sessionId, 10_000);
    expect(left).toEqual({ containers: [], networks: [], volumes: [] });
    expect(elapsedMs).toBeLessThan(10_000);
    // The watcher killed the stream's docker process too (it would wait for an event forever).
    expect(await unreadStreams(sessionId)).toEqual([]);
    // ... and then goes away itself.
    expect(await eventually(async () => (await reapers(sessionId)).length === 0, 10_000)).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s: close() runs, then the process ends by the signal', async (signal) => {
    const child = await startScript(sessionScript);
    const sessionId = child.report.sessionId as string;
    expect((await sessionResources(sessionId)).containers).toHaveLength(2);
    const exit = await kill(child.process, signal);
    expect(exit.signal).toBe(signal);
    // Removed before the process ended, not later by the watcher; close() ended the stream.
    expect(await sessionResources(sessionId)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(await unreadStreams(sessionId)).toEqual([]);
  });

  it.each([
    ['an uncaught error', 'throw', 1],
    ['a normal exit without close()', 'exit', 0],
  ] as const)('%s: nothing is left within 10 s', async (_why, mode, exitCode) => {
    const child = await startScript(sessionScript, [mode]);
    const sessionId = child.report.sessionId as string;
    const [code] = (await once(child.process, 'exit')) as [number | null];
    expect(code).toBe(exitCode);
    const { elapsedMs, left } = await waitUntilGone(sessionId, 10_000);
    expect(left).toEqual({ containers: [], networks: [], volumes: [] });
    expect(elapsedMs).toBeLessThan(10_000);
    expect(await unreadStreams(sessionId)).toEqual([]);
  });
});

describe('the watcher loaded from TypeScript source', () => {
  it('runs from src under vitest, and stops when the session closes', async () => {
    const docker = await connectForTest();
    expect(await eventually(async () => (await reapers(docker.sessionId)).some((line) => line.includes('src/cleanup/reaper-main.ts')), 5000)).toBe(true);
    await docker.close();
    expect(await eventually(async () => (await reapers(docker.sessionId)).length === 0, 5000)).toBe(true);
  });

  it('cleans up after a SIGKILLed process that started it from source', async () => {
    const docker = await connectForTest({ reaper: false });
    const sessionId = `reaper-src-${docker.sessionId}`;
    const child = await startScript(reaperScript, [sessionId, docker.executor.binary, docker.images.resolve('debian:bookworm-slim')]);
    await docker.close();
    expect((await sessionResources(sessionId)).containers).toEqual([(child.report.container as string).slice(0, 12)]);
    expect((await reapers(sessionId)).some((line) => line.includes('src/cleanup/reaper-main.ts'))).toBe(true);
    await kill(child.process, 'SIGKILL');
    const { elapsedMs, left } = await waitUntilGone(sessionId, 10_000);
    expect(left.containers).toEqual([]);
    expect(elapsedMs).toBeLessThan(10_000);
  });
});

describe('close()', () => {
  unlessPodman(PODMAN_LACKS.runVolumes)('removes the containers with their anonymous volumes, then networks and volumes, and counts them', async () => {
    const docker = await connectForTest();
    const network = await docker.networks.create();
    const volume = await docker.volumes.create();
    // redis declares VOLUME /data: docker gives it an anonymous volume.
    const redis = await new ContainerBuilder('redis:7').waitFor(Wait.none()).network(network.name).run(docker);
    await idle().volume(`dw-auto-${docker.sessionId}`, '/auto').volume(volume.name, '/data').run(docker);
    const mounts = await cli(['container', 'inspect', '--format', '{{range .Mounts}}{{if eq .Destination "/data"}}{{.Name}}{{end}}{{end}}', redis.id]);
    const anonymous = mounts.stdout.trim();
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/);

    const result = await docker.close();
    expect(result).toEqual({ containers: 2, networks: 1, volumes: 2 });
    expect(await sessionResources(docker.sessionId)).toEqual({ containers: [], networks: [], volumes: [] });
    expect((await cli(['volume', 'inspect', anonymous])).exitCode).not.toBe(0);
    // Closing again changes nothing and answers the same.
    expect(await docker.close()).toBe(result);
  });

  it('waits for the removals left in the background before it sweeps', async () => {
    const docker = await connectForTest();
    const network = await docker.networks.create();
    const container = await idle().network(network.name).run(docker);
    docker.background(container.remove().then(() => network.remove()));
    // Nothing is left for the sweep to find (or to race with): the background removals came first.
    expect(await docker.close()).toEqual({ containers: 0, networks: 0, volumes: 0 });
    expect(await sessionResources(docker.sessionId)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('DOCKER_WRAPPER_KEEP=1 keeps everything, says so, and starts no watcher', async () => {
    const messages: string[] = [];
    const docker = await connectForTest({ env: { ...process.env, DOCKER_WRAPPER_KEEP: '1' }, log: (message) => messages.push(message) });
    expect(docker.keep).toBe(true);
    await idle().run(docker);
    await docker.networks.create();
    expect(await reapers(docker.sessionId)).toEqual([]);

    expect(await docker.close()).toEqual({ containers: 1, networks: 1, volumes: 0 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`DOCKER_WRAPPER_KEEP=1: keeping 1 container(s), 1 network(s), 0 volume(s) of session ${docker.sessionId}`);
    expect(messages[0]).toContain(`label=docker-wrapper.session=${docker.sessionId}`);
    const kept = await sessionResources(docker.sessionId);
    expect([kept.containers.length, kept.networks.length]).toEqual([1, 1]);

    // What was kept can be removed later by the same session id.
    const again = await connectForTest({ sessionId: docker.sessionId, reaper: false });
    expect(await again.close()).toEqual({ containers: 1, networks: 1, volumes: 0 });
    expect(await sessionResources(docker.sessionId)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
