// Out-of-band docker calls for integration tests: they check what the engine really holds, without
// going through (or counting in) the Executor under test.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// The docker binary the tests use (the same one Docker.connect() resolves by default).
export const DOCKER = process.env.DOCKER_WRAPPER_DOCKER_PATH ?? 'docker';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// Runs docker and returns its exit code and output (never throws on a non-zero exit).
export async function docker(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(DOCKER, args, { encoding: 'utf8', env: options.env ?? process.env, timeout: 60_000 });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { exitCode: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

// The non-empty lines of a docker listing.
export async function lines(args: string[]): Promise<string[]> {
  const { stdout } = await docker(args);
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

export interface SessionResources {
  containers: string[];
  networks: string[];
  volumes: string[];
}

// Everything on the engine labelled with `sessionId`.
export async function sessionResources(sessionId: string): Promise<SessionResources> {
  const filter = ['--filter', `label=docker-wrapper.session=${sessionId}`];
  const [containers, networks, volumes] = await Promise.all([
    lines(['ps', '-aq', ...filter]),
    lines(['network', 'ls', '-q', ...filter]),
    lines(['volume', 'ls', '-q', ...filter]),
  ]);
  return { containers, networks, volumes };
}

// Polls `sessionResources` until nothing is left or `timeoutMs` passes; returns the elapsed time
// and what was left at the end.
export async function waitUntilGone(sessionId: string, timeoutMs: number): Promise<{ elapsedMs: number; left: SessionResources }> {
  const started = performance.now();
  for (;;) {
    const left = await sessionResources(sessionId);
    const elapsedMs = performance.now() - started;
    if (left.containers.length + left.networks.length + left.volumes.length === 0 || elapsedMs > timeoutMs) return { elapsedMs, left };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The command lines of this machine's processes (for "no docker child left behind" checks).
export async function processList(): Promise<string[]> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

// A short random suffix for resource names.
export function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
