// Removes everything labelled with a session: containers (with anonymous volumes) first, then
// networks and volumes in parallel. Over the Engine API each removal is its own call, all at once.
import type { Executor } from '../cli/executor.js';
import type { DockerCommand } from '../cli/command.js';
import { idsOf, listLabelledContainersCommand, parseIdList, removeContainersCommand } from '../commands/containers.js';
import { DockerCommandError } from '../errors.js';
import { removeNetworkCommand } from '../resources/networks.js';
import { listVolumeNamesCommand, removeVolumeCommand } from '../resources/volumes.js';
import { filtersParam } from '../transport/route.js';
import { SESSION_LABEL } from './labels.js';

export interface SweepResult {
  containers: number;
  networks: number;
  volumes: number;
}

type Kind = 'container' | 'network' | 'volume';

function listCommand(kind: Kind, label: string): DockerCommand<string[]> {
  if (kind === 'container') return listLabelledContainersCommand(label);
  if (kind === 'volume') return listVolumeNamesCommand(label);
  return {
    args: ['network', 'ls', '-q', '--filter', `label=${label}`],
    parse: parseIdList,
    api: { method: 'GET', path: '/networks', query: { filters: filtersParam({ label: [label] }) }, parse: idsOf('Id') },
  };
}

// Lists the ids of the session's resources of one kind.
async function list(executor: Executor, kind: Kind, sessionId: string): Promise<string[]> {
  return executor.run(listCommand(kind, `${SESSION_LABEL}=${sessionId}`), { timeoutMs: 30_000 });
}

// An error line of `docker rm` that means the resource is gone or going: vanished in between, or
// being removed by another process (two sessions sharing an id close at once).
const GONE = /No such|not found|removal of container .* is already in progress/i;

// The error lines of a removal that mean something is really left (pure).
export function removalErrors(stderr: string): string[] {
  return stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !GONE.test(line));
}

function removeCommand(kind: Kind, id: string): DockerCommand<void> {
  if (kind === 'container') return removeContainersCommand([id]);
  return kind === 'network' ? removeNetworkCommand(id) : removeVolumeCommand(id, true);
}

// Podman refuses `rm -f` of a container that is stopping at that moment ("could not be stopped:
// ... container state improper"); once it has stopped, the removal goes through.
const STOPPING = /could not be stopped: .*container state improper/i;

async function remove(executor: Executor, kind: Kind, ids: string[]): Promise<void> {
  try {
    await removeOnce(executor, kind, ids);
  } catch (error) {
    if (!(error instanceof DockerCommandError && STOPPING.test(error.stderr))) throw error;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await removeOnce(executor, kind, ids);
  }
}

async function removeOnce(executor: Executor, kind: Kind, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  if (executor.transport === 'api') {
    // One call per resource, all at once; the first real failure is thrown after all settle.
    const results = await Promise.allSettled(ids.map((id) => executor.run(removeCommand(kind, id), { timeoutMs: 60_000 })));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const real = failed.find((error) => !(error instanceof DockerCommandError) || removalErrors(error.stderr).length > 0);
    if (real) throw real;
    return;
  }
  const args = kind === 'container' ? [...removeContainersCommand([]).args, ...ids] : kind === 'network' ? ['network', 'rm', ...ids] : ['volume', 'rm', '-f', ...ids];
  const result = await executor.raw(args, { timeoutMs: 60_000 });
  if (result.exitCode !== 0 && removalErrors(result.stderr).length > 0) throw executor.failure(args, result);
}

// Removes every resource of the session and says how many of each it found.
export async function sweepSession(executor: Executor, sessionId: string): Promise<SweepResult> {
  const containers = await list(executor, 'container', sessionId);
  await remove(executor, 'container', containers);
  const [networks, volumes] = await Promise.all([list(executor, 'network', sessionId), list(executor, 'volume', sessionId)]);
  await Promise.all([remove(executor, 'network', networks), remove(executor, 'volume', volumes)]);
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
