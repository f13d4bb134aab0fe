// Runs a real test runner CLI in a child process for the adapter e2e suites, and reads what the
// engine holds for a session afterwards.
import { existsSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { execa, type ResultPromise } from 'execa';

export function outputDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function sessionId(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

// Every labelled container, network and volume of a session (any state).
export async function leftovers(session: string): Promise<string[]> {
  const filter = `label=docker-wrapper.session=${session}`;
  const [containers, networks, volumes] = await Promise.all([
    execa('docker', ['ps', '-aq', '--filter', filter]),
    execa('docker', ['network', 'ls', '-q', '--filter', filter]),
    execa('docker', ['volume', 'ls', '-q', '--filter', filter]),
  ]);
  return [
    ...containers.stdout.split('\n').filter(Boolean).map((id) => `container ${id}`),
    ...networks.stdout.split('\n').filter(Boolean).map((id) => `network ${id}`),
    ...volumes.stdout.split('\n').filter(Boolean).map((id) => `volume ${id}`),
  ];
}

export async function runningContainers(session: string): Promise<string[]> {
  const { stdout } = await execa('docker', ['ps', '-q', '--no-trunc', '--filter', `label=docker-wrapper.session=${session}`]);
  return stdout.split('\n').filter(Boolean).sort();
}

// Polls until `check` returns true or the time is up; returns the last value of `check`.
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

export type Child = ResultPromise<{ cwd: string; env: Record<string, string>; all: true; reject: false; timeout: number }>;

// A test runner's CLI (`node <argv...>`) in a consumer project, without colours and as under CI;
// `env` is added to this process's environment. It never rejects: the test reads its exit code.
export function runCli(cwd: string, argv: string[], env: Record<string, string>, timeout = 180_000): Child {
  return execa(process.execPath, argv, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', ...env } as Record<string, string>,
    all: true,
    reject: false,
    timeout,
  });
}

// This machine's processes (`pid args`) whose command line names one of `markers` (a session id,
// a container id): the reaper, the recorder's `docker events` and `docker stats`, run servers.
export async function processesNaming(markers: readonly string[]): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => markers.some((marker) => line.includes(marker)) && !/^\d+\s+ps -eo\b/.test(line));
}

export interface KillResult {
  started: boolean;
  output: string;
  /** The session's containers, networks and volumes still there 10 s after the signal. */
  left: string[];
  /** Processes naming the session or one of its containers still there 10 s after the signal. */
  processes: string[];
  /** Those processes just before the signal (the check above could find them). */
  processesBefore: string[];
}

// Waits until a runner child has `containers` running for its session (and, if given, until its
// output matches `ready`), sends it `signal`, and returns what of the session is still there after
// 10 s (empty when the runner, or the reaper after SIGKILL, removed everything): resources and
// processes of ours.
export async function killMidRun(child: Child, session: string, signal: NodeJS.Signals, options: { containers: number; ready?: RegExp }): Promise<KillResult> {
  let output = '';
  child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ids: string[] = [];
  const started = await until(async () => (ids = await runningContainers(session)).length === options.containers && (!options.ready || options.ready.test(output)), 120_000);
  const markers = [session, ...ids.map((id) => id.slice(0, 12))];
  if (!started) {
    child.kill('SIGKILL');
    await child;
    return { started, output, left: await leftovers(session), processes: [], processesBefore: [] };
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const processesBefore = await processesNaming(markers);
  child.kill(signal);
  await child;
  await until(async () => (await leftovers(session)).length === 0 && (await processesNaming(markers)).length === 0, 10_000, 250);
  return { started, output, left: await leftovers(session), processes: await processesNaming(markers), processesBefore };
}

// A runner's output without colours (runners colour some of it even when asked not to).
export function plain(text: string | undefined): string {
  return stripVTControlCharacters(text ?? '');
}

export interface WatchResult {
  /** The session's running containers after the first run and after each re-run. */
  containers: string[][];
  /** Runs that finished (the first one included). */
  runs: number;
  output: string;
}

// Drives a runner in watch mode: waits for its first run, touches `spec` `reruns` times, each time
// waiting for one more finished run (`runDone` counts them in the output), records the session's
// running containers after each, then ends the runner with SIGTERM.
export async function watchReruns(child: Child, session: string, options: { spec: string; runDone: RegExp; reruns: number }): Promise<WatchResult> {
  let output = '';
  child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const count = new RegExp(options.runDone.source, 'g');
  const runs = () => plain(output).match(count)?.length ?? 0;
  const containers: string[][] = [];
  try {
    if (!(await until(() => runs() >= 1, 120_000))) return { containers, runs: runs(), output: plain(output) };
    containers.push(await runningContainers(session));
    for (let rerun = 1; rerun <= options.reruns; rerun++) {
      const now = new Date();
      utimesSync(options.spec, now, now);
      if (!(await until(() => runs() >= rerun + 1, 60_000))) break;
      containers.push(await runningContainers(session));
    }
    return { containers, runs: runs(), output: plain(output) };
  } finally {
    child.kill('SIGTERM');
    await child;
  }
}
