// Reusable services: a running container whose spec hash matches is taken as is, across processes
// and test runs; reused containers outlive sessions and are removed by `prune()`.
import type { Container, Docker } from '@docker-wrapper/core';
import { PERSISTENT_LABEL } from '@docker-wrapper/core';

export const REUSE_LABEL = 'docker-wrapper.reuse-hash';
export const CACHE_LABEL = 'docker-wrapper.cache';
/** Which template made a container or network: `postgres`, `redis`, `kafka`. */
export const TEMPLATE_LABEL = 'docker-wrapper.template';

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
  /** Only what these templates made, e.g. `['redis']` (default: every template). */
  kinds?: string[];
}

export interface PruneResult {
  containers: string[];
  /** Networks made for reusable services (the Kafka template's `dw-kafka-<hash>`). */
  networks: string[];
  images: string[];
}

// Removes what outlives sessions: reused containers (and their networks) and cached images made by the templates.
export async function prune(docker: Docker, options: PruneOptions = {}): Promise<PruneResult> {
  const listIds = (args: string[]) => docker.executor.run({ args, parse: (stdout) => [...new Set(stdout.split('\n').map((l) => l.trim()).filter(Boolean))] });
  // docker ANDs filters of different labels and ORs none, so each kind is its own listing.
  const listFor = async (args: string[], label: string) => {
    const kinds = options.kinds ?? [undefined];
    const lists = await Promise.all(kinds.map((kind) => listIds([...args, '--filter', label, ...(kind ? ['--filter', `label=${TEMPLATE_LABEL}=${kind}`] : [])])));
    return [...new Set(lists.flat())];
  };
  const containers = options.reused === false ? [] : await listFor(['ps', '-aq', '--no-trunc'], `label=${PERSISTENT_LABEL}=true`);
  if (containers.length > 0) await docker.executor.run({ args: ['rm', '-f', '-v', ...containers], parse: () => undefined });
  // A network some other container still uses (one a test attached to it) stays.
  const networkIds = options.reused === false ? [] : await listFor(['network', 'ls', '-q', '--no-trunc'], `label=${PERSISTENT_LABEL}=true`);
  const removed = await Promise.all(networkIds.map(async (id) => {
    const result = await docker.executor.raw(['network', 'rm', id]);
    if (result.exitCode !== 0 && !/active endpoints|No such network|not found/i.test(result.stderr)) throw docker.executor.failure(['network', 'rm', id], result);
    return result.exitCode === 0 ? id : undefined;
  }));
  const networks = removed.filter((id) => id !== undefined);
  const images = options.cache === false ? [] : await listIds(['image', 'ls', '-q', '--no-trunc', '--filter', `label=${CACHE_LABEL}`])
    .then(async (ids) => (options.kinds ? (await Promise.all(options.kinds.map((kind) => listIds(['image', 'ls', '-q', '--no-trunc', '--filter', `label=${CACHE_LABEL}=${kind}`])))).flat() : ids));
  if (images.length > 0) await docker.executor.run({ args: ['image', 'rm', '-f', ...images], parse: () => undefined });
  return { containers, networks, images };
}
