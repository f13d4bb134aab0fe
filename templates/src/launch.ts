// The start path every template shares: reuse a matching running container (under a machine-wide
// lock, so two workers never start two), or run a new one.
import type { Container, ContainerBuilder, Docker } from '@docker-wrapper/core';
import { explainMissingImage } from './image-missing.js';
import { withMachineLock } from './lock.js';
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
  // Reuse stays within a project, whose prune() removes what it made.
  const project = currentProject();
  const start = async (persistent: boolean): Promise<Launched> => {
    const labelled = plan.builder.label(TEMPLATE_LABEL, plan.kind).label(PROJECT_LABEL, project);
    const builder = persistent ? labelled.label(REUSE_LABEL, plan.reuseHash) : labelled;
    try {
      const container = await docker.containers.run(builder, { persistent, ...(signal ? { signal } : {}) });
      return { container, reused: false, persistent };
    } catch (error) {
      throw explainMissingImage(docker, builder.spec.image, error);
    }
  };
  if (!plan.reuse) return start(false);
  return withMachineLock(`reuse-${plan.reuseHash}`, async () => {
    const found = await findReusable(docker, plan.reuseHash, project);
    if (found) {
      await plan.whenReused(found);
      return { container: found, reused: true, persistent: true };
    }
    return start(true);
  });
}
