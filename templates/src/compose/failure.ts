// The error of a compose stack that did not start: it names the file and the compose service, with
// the service container's state, exit code and last log lines (secrets masked).
import type { Container, Docker } from '@docker-wrapper/core';
import { DockerWrapperError, StartupError } from '@docker-wrapper/core';

export interface ComposeServiceState {
  service: string;
  container: string;
  status: string;
  exitCode: number;
  health?: string;
  logs: string[];
}

export class ComposeStartError extends DockerWrapperError {
  /** The compose file. */
  readonly file: string;
  /** The first compose service that failed, when one is known. */
  readonly service: string | undefined;
  /** What each failed compose service looked like. */
  readonly states: readonly ComposeServiceState[];
  constructor(file: string, summary: string, states: readonly ComposeServiceState[], options?: { cause?: unknown }) {
    super('STARTUP_FAILED', formatComposeFailure(file, summary, states), options);
    this.name = 'ComposeStartError';
    this.file = file;
    this.service = states[0]?.service;
    this.states = states;
  }
}

// The message (pure): one headline, then a block per failed service.
export function formatComposeFailure(file: string, summary: string, states: readonly ComposeServiceState[]): string {
  const names = states.map((s) => `\`${s.service}\``).join(', ');
  const lines = [`compose ${file}: ${names ? `service ${names}: ` : ''}${summary}`];
  for (const state of states) {
    const health = state.health ? `, health ${state.health}` : '';
    lines.push('', `[${state.service}] container ${state.container}: ${state.status}${state.status === 'running' ? '' : ` (exit code ${state.exitCode})`}${health}`);
    if (state.logs.length > 0) lines.push('last log lines:', ...state.logs.map((line) => `  ${line}`));
  }
  return lines.join('\n');
}

// A service container's state and last lines, for a failure report.
export async function serviceState(docker: Docker, service: string, container: Container, tail = 30): Promise<ComposeServiceState> {
  const redact = (text: string) => docker.executor.redactor.text(text);
  const [info, logs] = await Promise.all([container.inspect({ timeoutMs: 10_000 }).catch(() => container.info), container.tail(tail).catch(() => [] as string[])]);
  const health = info.state.health?.status;
  return { service, container: container.name, status: info.state.status, exitCode: info.state.exitCode, ...(health ? { health } : {}), logs: logs.map(redact) };
}

// A service's state from the readiness failure that already read it (its state and last lines,
// masked); for any other failure they are read again.
export async function failedServiceState(docker: Docker, service: string, container: Container, error: unknown, tail = 30): Promise<ComposeServiceState> {
  if (!(error instanceof StartupError) || !error.state) return serviceState(docker, service, container, tail);
  const { state, logs } = error;
  return { service, container: container.name, status: state.status, exitCode: state.exitCode, ...(state.health ? { health: state.health } : {}), logs: logs.slice(-tail) };
}

// The services whose container did not come up: exited with a failure, or unhealthy.
export async function failedServices(docker: Docker, containers: ReadonlyMap<string, Container>): Promise<ComposeServiceState[]> {
  const states = await Promise.all([...containers].map(([service, container]) => serviceState(docker, service, container)));
  return states.filter((s) => (s.status !== 'running' && s.exitCode !== 0) || s.status === 'created' || s.health === 'unhealthy');
}
