// Removes everything labelled with a session: containers (with anonymous volumes) first, then
// networks and volumes in parallel.
import type { Executor } from '../cli/executor.js';
import { parseIdList, removeContainersCommand } from '../commands/containers.js';
import { SESSION_LABEL } from './labels.js';

export interface SweepResult {
  containers: number;
  networks: number;
  volumes: number;
}

// Lists the ids of the session's resources of one kind.
async function list(executor: Executor, kind: 'container' | 'network' | 'volume', sessionId: string): Promise<string[]> {
  const filter = ['--filter', `label=${SESSION_LABEL}=${sessionId}`];
  const args = kind === 'container' ? ['ps', '-aq', ...filter] : [kind, 'ls', '-q', ...filter];
  return executor.run({ args, parse: parseIdList }, { timeoutMs: 30_000 });
}

// An error line of `docker rm` that means the resource is gone or going: vanished in between, or
// being removed by another process (two sessions sharing an id close at once).
const GONE = /No such|not found|removal of container .* is already in progress/i;

// The error lines of a removal that mean something is really left (pure).
export function removalErrors(stderr: string): string[] {
  return stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !GONE.test(line));
}

async function remove(executor: Executor, args: string[], ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const result = await executor.raw([...args, ...ids], { timeoutMs: 60_000 });
  if (result.exitCode !== 0 && removalErrors(result.stderr).length > 0) throw executor.failure([...args, ...ids], result);
}

// Removes every resource of the session and says how many of each it found.
export async function sweepSession(executor: Executor, sessionId: string): Promise<SweepResult> {
  const containers = await list(executor, 'container', sessionId);
  if (containers.length > 0) await remove(executor, [...removeContainersCommand([]).args], containers);
  const [networks, volumes] = await Promise.all([list(executor, 'network', sessionId), list(executor, 'volume', sessionId)]);
  await Promise.all([remove(executor, ['network', 'rm'], networks), remove(executor, ['volume', 'rm', '-f'], volumes)]);
  return { containers: containers.length, networks: networks.length, volumes: volumes.length };
}

// Counts the session's resources without removing them (for DOCKER_WRAPPER_KEEP=1 reports).
export async function countSession(executor: Executor, sessionId: string): Promise<SweepResult> {
  const [containers, networks, volumes] = await Promise.all([
    list(executor, 'container', sessionId),
    list(executor, 'network', sessionId),
    list(executor, 'volume', sessionId),
  ]);
  return { containers: containers.length, networks: networks.length, volumes: volumes.length };
}
