// Reusable services: a running container of this project whose spec hash matches is taken as is,
// across processes and test runs; reused containers outlive sessions and are removed by `prune()`.
import { listContainersCommand, type Container, type Docker } from '@docker-wrapper/core';
import { PROJECT_LABEL } from './project.js';

export const REUSE_LABEL = 'docker-wrapper.reuse-hash';
export const CACHE_LABEL = 'docker-wrapper.cache';
/** Which template made a container or network: `postgres`, `redis`, `kafka`. */
export const TEMPLATE_LABEL = 'docker-wrapper.template';

// The running container of `project` with this reuse hash, if any.
export async function findReusable(docker: Docker, hash: string, project: string): Promise<Container | undefined> {
  const ids = await docker.executor.run(listContainersCommand({ labels: [`${REUSE_LABEL}=${hash}`, `${PROJECT_LABEL}=${project}`], running: true }));
  return ids[0] ? docker.containers.get(ids[0]) : undefined;
}
