// Locks for engines that several machines may share (a `tcp://` or `ssh://` endpoint): the lock is a
// container with a fixed name on the engine itself, whose create conflict tells another holder. It
// carries the session label, so close() or the reaper removes it if its holder dies; one older than
// STALE_MS (its holder's machine vanished) is broken. Engines on this machine use the machine lock.
import { hostname } from 'node:os';
import { CREATED_LABEL, SESSION_LABEL, engineIdentity, isShareableEndpoint, type Docker } from '@docker-wrapper/core';
import { specHash } from './hash.js';
import { withMachineLock } from './lock.js';

export const LOCK_LABEL = 'docker-wrapper.lock';
const POLL_MS = 250;
/** A lock container older than this was left by a machine that went away. */
const STALE_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The name of the lock container for `name` (pure).
export function lockContainerName(name: string): string {
  return `dw-lock-${specHash(name)}`;
}

// Creates the lock container; its id, or undefined when another holder has the name.
async function tryCreate(docker: Docker, container: string, name: string, image: string): Promise<string | undefined> {
  const args = [
    'create', '--name', container, '--label', `${LOCK_LABEL}=${name}`, '--label', `${SESSION_LABEL}=${docker.sessionId}`,
    '--label', `${CREATED_LABEL}=${new Date().toISOString()}`, '--label', `docker-wrapper.lock-holder=${hostname()}:${process.pid}`,
    '--network', 'none', image, 'true',
  ];
  const result = await docker.executor.raw(args, { timeoutMs: 60_000 });
  if (result.exitCode === 0) return result.stdout.trim();
  const error = docker.executor.failure(args, result);
  if (error.code === 'NAME_IN_USE') return undefined;
  throw error;
}

// Removes the lock container when it is older than STALE_MS.
async function breakIfStale(docker: Docker, container: string): Promise<void> {
  const result = await docker.executor.raw(['inspect', '--format', '{{.Created}}', container], { timeoutMs: 30_000 });
  const created = Date.parse(result.stdout.trim());
  if (result.exitCode === 0 && Number.isFinite(created) && Date.now() - created > STALE_MS) {
    await docker.executor.raw(['rm', '-f', container], { timeoutMs: 30_000 });
  }
}

// Runs `fn` holding the lock `name` on the engine (creating the lock container needs `image` there,
// or pulls it as `docker run` would); waits for it up to `timeoutMs`.
export async function withEngineLock<T>(docker: Docker, name: string, image: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const container = lockContainerName(name);
  const deadline = Date.now() + timeoutMs;
  let id: string | undefined;
  while (!(id = await tryCreate(docker, container, name, image))) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the engine lock ${container} (${name}) on ${docker.engine.endpoint}. If no docker-wrapper run holds it: docker rm -f ${container}`);
    }
    await breakIfStale(docker, container);
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    await docker.executor.raw(['rm', '-f', id], { timeoutMs: 60_000 });
  }
}

// Runs `fn` under the lock `name` for this engine: on the engine when other machines may share it,
// else the machine lock. The name is scoped to the engine, so two engines never wait for each other.
export async function withServiceLock<T>(docker: Docker, name: string, image: string, fn: () => Promise<T>): Promise<T> {
  const scoped = `${name}-${(await engineIdentity(docker)).key}`;
  return isShareableEndpoint(docker.engine.endpoint) ? withEngineLock(docker, scoped, image, fn) : withMachineLock(scoped, fn);
}

// `hash` made specific to `docker`'s engine, for reuse labels and cache tags.
export async function engineScoped(docker: Docker, hash: string): Promise<string> {
  return specHash({ hash, engine: (await engineIdentity(docker)).key });
}
