// The start path every template shares: reuse a matching running container (under a lock, on this
// machine or on a shared engine, so two workers never start two), or run a new one. The reuse hash
// is scoped to the engine: a container found on one engine is never taken for another's.
import type { Container, ContainerBuilder, Docker } from '@docker-wrapper/core';
import { explainMissingImage } from './image-missing.js';
import { engineScoped, withServiceLock } from './engine-lock.js';
import { PROJECT_LABEL, currentProject } from './project.js';
import { REUSE_LABEL, TEMPLATE_LABEL, findReusable } from './reuse.js';

export interface LaunchPlan {
  /** The template's name, labelled on the container (`docker-wrapper.template`). */
  kind: string;
  builder: ContainerBuilder;
  /** Reuse a running container with the same hash instead of starting one. */
  reuse: boolean;
  /** Hash of everything that makes two specs interchangeable (never a random password). */
  reuseHash: string;
  /** Readies a running container found for reuse (a new one is made ready by the builder's wait). */
  whenReused(container: Container): Promise<void>;
}

export interface Launched {
  container: Container;
  /** Found running rather than started. */
  reused: boolean;
  /** Outlives the session (reuse): stop() must leave it running. */
  persistent: boolean;
}

// Starts (or finds) the container of a plan. A new container is ready when run() returns (run()
// removes one that never becomes ready).
export async function launch(docker: Docker, plan: LaunchPlan, signal?: AbortSignal): Promise<Launched> {
  try {
    return await startOrReuse(docker, plan, signal);
  } catch (error) {
    // From `docker run` or from the engine lock's container, which needs the image too.
    throw explainMissingImage(docker, plan.builder.spec.image, error);
  }
}

async function startOrReuse(docker: Docker, plan: LaunchPlan, signal?: AbortSignal): Promise<Launched> {
  // Reuse stays within a project, whose prune() removes what it made.
  const project = currentProject();
  const start = async (persistent: boolean, reuseHash = plan.reuseHash): Promise<Launched> => {
    const labelled = plan.builder.label(TEMPLATE_LABEL, plan.kind).label(PROJECT_LABEL, project);
    const builder = persistent ? labelled.label(REUSE_LABEL, reuseHash) : labelled;
    const container = await docker.containers.run(builder, { persistent, ...(signal ? { signal } : {}) });
    return { container, reused: false, persistent };
  };
  if (!plan.reuse) return start(false);
  const reuseHash = await engineScoped(docker, plan.reuseHash);
  return withServiceLock(docker, `reuse-${reuseHash}`, docker.images.resolve(plan.builder.spec.image), async () => {
    const found = await findReusable(docker, reuseHash, project);
    if (found) {
      await plan.whenReused(found);
      return { container: found, reused: true, persistent: true };
    }
    return start(true, reuseHash);
  });
}
