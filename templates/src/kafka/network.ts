// The network the broker starts on, where other containers reach it by its alias: the user's, a
// new one for the service (removed with it), or for a reusable broker one that outlives sessions
// too.
import type { Docker } from '@docker-wrapper/core';
import { PERSISTENT_LABEL } from '@docker-wrapper/core';
import { engineScoped, withServiceLock } from '../engine-lock.js';
import { PROJECT_LABEL, currentProject } from '../project.js';
import { REUSE_LABEL, TEMPLATE_LABEL } from '../reuse.js';

export interface ServiceNetwork {
  name: string;
  /** Removes the network if the service made it for itself alone. */
  release(): Promise<void>;
}

// Finds or makes the network for a broker (`reuseSpec` set, the broker's spec hash: the reusable
// broker's own network, named and labelled with the engine-scoped hash its reuse label carries).
export async function serviceNetwork(docker: Docker, requested: string | undefined, reuseSpec: string | undefined, image: string): Promise<ServiceNetwork> {
  const keep = async () => undefined;
  if (requested) return { name: requested, release: keep };
  if (reuseSpec) {
    const reuseHash = await engineScoped(docker, reuseSpec);
    const name = `dw-kafka-${reuseHash}`;
    // Concurrent creates of one name can make two networks; a lock keeps it to one.
    await withServiceLock(docker, `reuse-network-${reuseHash}`, docker.images.resolve(image), async () => {
      const args = ['network', 'create', '--label', `${PERSISTENT_LABEL}=true`, '--label', `${REUSE_LABEL}=${reuseHash}`, '--label', `${TEMPLATE_LABEL}=kafka`, '--label', `${PROJECT_LABEL}=${currentProject()}`, name];
      const result = await docker.executor.raw(args, { timeoutMs: 30_000 });
      if (result.exitCode !== 0 && !/already exists/i.test(result.stderr)) throw docker.executor.failure(args, result);
    });
    return { name, release: keep };
  }
  const network = await docker.networks.create({ labels: { 'docker-wrapper.service': 'kafka' } });
  return {
    name: network.name,
    release: async () => {
      if (docker.keep) return;
      // Gone already (the session was closed first) is fine.
      await network.remove().catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'NO_SUCH_RESOURCE') throw error;
      });
    },
  };
}
