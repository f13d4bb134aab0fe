// Waits for the container's HEALTHCHECK (from the image or the builder) to report healthy, driven
// by the engine's event stream (`docker.events`); `unhealthy` fails at once.
import { inspectContainerCommand } from '../commands/containers.js';
import { Events } from '../streams/events.js';
import { WaitFailure, type WaitContext, type WaitStrategy } from './context.js';

export class HealthyWait implements WaitStrategy {
  readonly description = 'health check healthy';

  async wait(context: WaitContext): Promise<void> {
    const { container, executor, signal } = context;
    if (!container.info.hasHealthCheck) {
      throw new WaitFailure('failed', 'the container has no health check: define one with `.healthCheck(...)` or wait for something else');
    }
    const started = Date.parse(container.info.state.startedAt || container.info.created);
    // The stream listens from its creation, so no transition falls between it and the inspect.
    const events = new Events({ executor }).stream({
      container: container.id,
      action: 'health_status',
      ...(Number.isNaN(started) ? {} : { since: new Date(started) }),
      signal,
    });
    try {
      const health = (await executor.run(inspectContainerCommand(container.id), { signal })).state.health?.status;
      if (health === 'healthy') return;
      if (health === 'unhealthy') throw new WaitFailure('unhealthy', 'the health check reported unhealthy');
      for await (const event of events) {
        const status = event.type === 'container' ? event.healthStatus : undefined;
        if (status === 'healthy') return;
        if (status === 'unhealthy') throw new WaitFailure('unhealthy', 'the health check reported unhealthy');
      }
    } finally {
      await events.return();
    }
    if (signal.aborted) throw signal.reason as Error;
    throw new WaitFailure('failed', 'the event stream ended before the container became healthy');
  }
}
