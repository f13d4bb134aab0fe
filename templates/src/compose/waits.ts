// Readiness per compose service with the core strategies, all within one budget.
import type { Container, ContainerInfo, Docker, WaitStrategy } from '@docker-wrapper/core';
import { StartupError, Wait, awaitReadiness } from '@docker-wrapper/core';
import { ComposeStartError, failedServiceState, serviceState } from './failure.js';

// The health check when the service has one, else every published TCP port, else nothing beyond
// running (pure).
export function defaultComposeWait(info: ContainerInfo): WaitStrategy {
  if (info.hasHealthCheck) return Wait.forHealthy();
  const published = Object.entries(info.ports).filter(([key, bindings]) => key.endsWith('/tcp') && bindings.some((b) => b.hostPort > 0)).map(([key]) => Number(key.split('/')[0]));
  if (published.length === 0) return Wait.none();
  return published.length === 1 ? Wait.forPort(published[0]) : Wait.all(published.map((port) => Wait.forPort(port)));
}

export interface AwaitServicesOptions {
  file: string;
  budget: AbortSignal;
  startedAt: number;
  wait: Readonly<Record<string, WaitStrategy>>;
}

// Awaits every compose service; the first failure becomes a ComposeStartError naming the service.
export async function awaitServices(docker: Docker, containers: ReadonlyMap<string, Container>, options: AwaitServicesOptions): Promise<void> {
  // A container that already exited shows no published ports, so its default wait would be none:
  // one that exited with a failure fails now (one that exited 0 did its one-shot job).
  const exited = [...containers].filter(([, { info: { state } }]) => (!state.running && !state.restarting && state.exitCode !== 0) || state.status === 'created');
  if (exited.length > 0) {
    const states = await Promise.all(exited.map(([service, container]) => serviceState(docker, service, container)));
    throw new ComposeStartError(options.file, `exited with code ${states[0]?.exitCode ?? '?'} before it was ready`, states);
  }
  const localEngine = !docker.engine.remote;
  const results = await Promise.allSettled([...containers].map(([service, container]) => {
    const strategy = options.wait[service] ?? defaultComposeWait(container.info);
    return awaitReadiness(container, strategy, { executor: docker.executor, budget: options.budget, startedAt: options.startedAt, localEngine, image: container.image }).catch((error: unknown) => {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { composeService: service });
    });
  }));
  const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error & { composeService: string }] : []));
  const first = failed[0];
  if (!first) return;
  const states = await Promise.all(failed.map((error) => failedServiceState(docker, error.composeService, containers.get(error.composeService) as Container, error)));
  const summary = first instanceof StartupError ? `not ready (${first.strategy}): ${first.message.split('\n')[0] ?? ''}` : first.message;
  throw new ComposeStartError(options.file, summary, states, { cause: first });
}
