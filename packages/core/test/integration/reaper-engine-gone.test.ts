// The reaper of a session whose engine went away (a remote engine shut down, a tunnel closed):
// one clear line in its log and an exit, never a loop of failing docker calls.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const reaperMain = fileURLToPath(new URL('../../src/cleanup/reaper-main.ts', import.meta.url));

// A TCP port nothing listens on (taken, then freed).
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('reaper whose engine does not answer', () => {
  it('writes one line naming the session and the engine, and exits with code 2', async () => {
    const endpoint = `tcp://127.0.0.1:${await closedPort()}`;
    const logFile = join(mkdtempSync(join(tmpdir(), 'dw-reaper-')), 'reaper.log');
    const typescript = (process.features as { typescript?: unknown }).typescript ? [] : ['--experimental-strip-types', '--no-warnings'];
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: endpoint, DOCKER_WRAPPER_REAPER_LOG: logFile };
    delete env.DOCKER_CONTEXT;
    const reaper = spawn(process.execPath, [...typescript, reaperMain, 'gone-engine-session', 'docker', String(process.pid)], { stdio: ['pipe', 'ignore', 'pipe'], env });
    const exited = once(reaper, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // The parent "dies": its pipe closes without a `done` line.
    reaper.stdin.end();
    const [code] = await exited;
    expect(code).toBe(2);
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('session gone-engine-session');
    expect(lines[0]).toContain(`the engine (${endpoint}) does not answer`);
    expect(lines[0]).toContain('label docker-wrapper.session=gone-engine-session');
  });
});
