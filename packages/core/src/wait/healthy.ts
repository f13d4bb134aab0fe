// Waits for the container's HEALTHCHECK (from the image or the builder) to report healthy, driven
// by the engine's event stream; `unhealthy` fails at once.
import { inspectContainerCommand } from '../commands/containers.js';
import { processLines } from '../streams/process-lines.js';
import { WaitFailure, type WaitContext, type WaitStrategy } from './context.js';

// The health status in a `docker events --format '{{json .}}'` line, if it is a health event (pure).
export function healthStatusOf(line: string): string | undefined {
  try {
    const event = JSON.parse(line) as { Action?: string; status?: string };
    const action = event.Action ?? event.status ?? '';
    const match = /^health_status: (\w+)/.exec(action);
    return match?.[1];
  } catch {
    return undefined;
  }
}

export class HealthyWait implements WaitStrategy {
  readonly description = 'health check healthy';

  async wait(context: WaitContext): Promise<void> {
    const { container, executor, signal } = context;
    if (!container.info.hasHealthCheck) {
      throw new WaitFailure('failed', 'the container has no health check: define one with `.healthCheck(...)` or wait for something else');
    }
    const since = Math.floor(Date.parse(container.info.state.startedAt || container.info.created) / 1000) || undefined;
    const args = ['events', '--format', '{{json .}}', '--filter', `container=${container.id}`, '--filter', 'event=health_status', ...(since ? ['--since', String(since)] : [])];
    // Subscribed first, then the current state is read, so no transition falls in between.
    const stream = processLines(executor, args, { signal });
    const first = stream.next();
    const state = (await executor.run(inspectContainerCommand(container.id), { signal })).state;
    if (state.health?.status === 'healthy') {
      await stream.return();
      return;
    }
    if (state.health?.status === 'unhealthy') {
      await stream.return();
      throw new WaitFailure('unhealthy', 'the health check reported unhealthy');
    }
    try {
      for (let next = await first; !next.done; next = await stream.next()) {
        const status = healthStatusOf(next.value);
        if (status === 'healthy') return;
        if (status === 'unhealthy') throw new WaitFailure('unhealthy', 'the health check reported unhealthy');
      }
    } finally {
      await stream.return();
    }
    if (signal.aborted) throw signal.reason as Error;
    throw new WaitFailure('failed', 'the event stream ended before the container became healthy');
  }
}
