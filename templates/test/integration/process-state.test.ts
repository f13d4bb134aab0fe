// Starting services leaves the test process's `process.emit`, signal and exit listeners as they
// were (issue 18, item 2): a long-lived child (the psql session, a followed log) must not load
// signal-exit through execa, which replaces `process.emit` and so takes an app's
// `process.emit('uncaughtException', e)` away from it under Jest. Runs in a fresh node process.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../../packages/core/test/support/build.js';
import { sessionResources } from '../../../packages/core/test/support/cli.js';

const execFileAsync = promisify(execFile);
const fixture = fileURLToPath(new URL('../fixtures/process-state.mjs', import.meta.url));
const interrupt = fileURLToPath(new URL('../fixtures/interrupt.mjs', import.meta.url));

interface Report {
  byImport: string[];
  byConnect: string[];
  whileUp: string[];
  afterClose: string[];
  psqlOpen: boolean;
  logsOpen: boolean;
  firstLine: string;
  handlerGotIt: boolean;
}

describe('the test process while services run', () => {
  let report: Report;
  beforeAll(async () => {
    // The fixture imports the built packages: build them from the current source (incremental).
    buildDist();
    const { stdout } = await execFileAsync(process.execPath, [fixture], { encoding: 'utf8', timeout: 170_000 });
    report = JSON.parse(stdout) as Report;
  }, 180_000);

  it('was measured with the psql session and the followed log open', () => {
    expect(report.psqlOpen).toBe(true);
    expect(report.logsOpen).toBe(true);
    expect(report.firstLine).toBe('hello');
  });

  it('importing core and the templates changes nothing (no library loads signal-exit at import)', () => {
    expect(report.byImport).toEqual([]);
  });

  it('a Postgres service, a container and a log stream change nothing: process.emit, reallyExit, signal and exit listeners', () => {
    expect(report.whileUp).toEqual([]);
  });

  it("an app's handler gets its own process.emit('uncaughtException', e)", () => {
    expect(report.handlerGotIt).toBe(true);
  });

  it('Docker.connect() adds only its SIGINT and SIGTERM handlers (handleSignals), and close() removes them', () => {
    expect(report.byConnect).toEqual(['SIGINT: +1 listener', 'SIGTERM: +1 listener']);
    expect(report.afterClose).toEqual([]);
  });
});

describe('Ctrl-C in a process that imported the templates', () => {
  it('closes the session and ends the process', async () => {
    buildDist();
    const child = spawn(process.execPath, [interrupt], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { sessionId } = JSON.parse(line) as { sessionId: string };
    child.kill('SIGINT');
    // A process that survives the signal is killed after 60 s, and the test fails on its exit code.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const [code, signal] = await exited;
    clearTimeout(guard);
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(await sessionResources(sessionId)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 120_000);
});
