// Reusable services: a running container whose spec hash matches is taken as is, across processes
// and test runs; reused containers outlive sessions and are removed by `prune()`.
import type { Container, Docker } from '@docker-wrapper/core';
import { PERSISTENT_LABEL } from '@docker-wrapper/core';

export const REUSE_LABEL = 'docker-wrapper.reuse-hash';
export const CACHE_LABEL = 'docker-wrapper.cache';

// The running container with this reuse hash, if any.
export async function findReusable(docker: Docker, hash: string): Promise<Container | undefined> {
  const ids = await docker.executor.run({
    args: ['ps', '-q', '--no-trunc', '--filter', `label=${REUSE_LABEL}=${hash}`, '--filter', 'status=running'],
    parse: (stdout) => stdout.split('\n').map((line) => line.trim()).filter(Boolean),
  });
  return ids[0] ? docker.containers.get(ids[0]) : undefined;
}

export interface PruneOptions {
  /** Remove reusable (persistent) service containers (default true). */
  reused?: boolean;
  /** Remove initialised-image cache images (default true). */
  cache?: boolean;
}

export interface PruneResult {
  containers: string[];
  images: string[];
}

// Removes what outlives sessions: reused containers and cached images made by the templates.
export async function prune(docker: Docker, options: PruneOptions = {}): Promise<PruneResult> {
  const listIds = (args: string[]) => docker.executor.run({ args, parse: (stdout) => [...new Set(stdout.split('\n').map((l) => l.trim()).filter(Boolean))] });
  const containers = options.reused === false ? [] : await listIds(['ps', '-aq', '--no-trunc', '--filter', `label=${PERSISTENT_LABEL}=true`]);
  if (containers.length > 0) await docker.executor.run({ args: ['rm', '-f', '-v', ...containers], parse: () => undefined });
  const images = options.cache === false ? [] : await listIds(['image', 'ls', '-q', '--no-trunc', '--filter', `label=${CACHE_LABEL}`]);
  if (images.length > 0) await docker.executor.run({ args: ['image', 'rm', '-f', ...images], parse: () => undefined });
  return { containers, images };
}
