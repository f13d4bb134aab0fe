// Starts a run: a Docker session, the services in parallel, the diagnostics recorder and the
// coordinator that test processes talk to. What every adapter and the command line share.
import { Docker, InvalidOptionError, validateConnectOptions, type ConnectOptions } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateSignal } from '../options.js';
import { startServices, type ConnectionsOf, type Environment, type TemplateMap } from '../orchestrate.js';
import type { RunHandle, RunServiceInfo } from './handle.js';
import { serveRun } from './server.js';
import { withReuse } from './reuse-override.js';
import { validateTemplateMap } from './validate.js';

export interface RunOptions {
  /** Record events and stats for failure reports (default true). */
  diagnostics?: boolean;
  /** Set `reuse` on every service (default: each template's own). */
  reuse?: boolean;
  /** Keep every container when the run ends (default: DOCKER_WRAPPER_KEEP=1). */
  keep?: boolean;
  /** How to reach the engine (host, context, image map, ...). */
  docker?: ConnectOptions;
  signal?: AbortSignal;
}

export interface Run<M extends TemplateMap> extends AsyncDisposable {
  /** Plain data for test processes: connections, containers, the coordinator's address. */
  readonly handle: RunHandle<ConnectionsOf<M> & Record<string, unknown>>;
  readonly environment: Environment<M>;
  readonly docker: Docker;
  /** Stops the coordinator, the services and the session; safe to call twice. */
  stop(): Promise<void>;
}

const KNOWN = ['diagnostics', 'reuse', 'keep', 'docker', 'signal'];

function normalizeRunOptions(options: RunOptions): RunOptions {
  rejectUnknownOptions('startRun', options, KNOWN, { prefix: '' });
  for (const key of ['diagnostics', 'reuse', 'keep'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') throw new InvalidOptionError(key, options[key], 'Expected true or false.');
  }
  validateSignal('signal', options.signal);
  if (options.docker !== undefined) validateConnectOptions(options.docker, 'docker.');
  return options;
}

// Starts every service at once; on failure nothing is left running and the error names each
// failed service with its cause.
export async function startRun<M extends TemplateMap>(templates: M, options: RunOptions = {}): Promise<Run<M>> {
  validateTemplateMap('services', templates);
  normalizeRunOptions(options);
  if (options.reuse !== undefined) templates = withReuse(templates, options.reuse);
  const docker = await Docker.connect({ ...options.docker, ...(options.keep !== undefined ? { keep: options.keep } : {}) });
  let environment: Environment<M>;
  try {
    environment = await startServices(docker, templates, { diagnostics: options.diagnostics ?? true, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    await docker.close();
    throw error;
  }
  const server = await serveRun(environment).catch(async (error: unknown) => {
    await environment.stop();
    await docker.close();
    throw error;
  });
  const services = Object.fromEntries(Object.entries(environment.services).map(([name, service]) => {
    const info: RunServiceInfo = { kind: service.kind, containerId: service.container?.id ?? null, reused: service.reused };
    return [name, info];
  }));
  const handle = {
    version: 1 as const,
    sessionId: docker.sessionId,
    endpoint: server.endpoint,
    token: server.token,
    connections: environment.connections as ConnectionsOf<M> & Record<string, unknown>,
    services: services as RunHandle<ConnectionsOf<M> & Record<string, unknown>>['services'],
    startedAt: new Date().toISOString(),
  };
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await server.close();
      await environment.stop();
      await docker.close();
    })();
    return stopping;
  };
  return { handle, environment, docker, stop, [Symbol.asyncDispose]: stop };
}
