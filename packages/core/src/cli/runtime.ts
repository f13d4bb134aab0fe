// Finds the docker binary and the engine endpoint (DOCKER_HOST, docker contexts), and tells which
// host address reaches the engine's published ports.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DockerWrapperError } from '../errors.js';

export interface RuntimeOptions {
  /** Path of the docker (or docker-compatible, e.g. podman) binary. */
  binary?: string;
  /** Engine endpoint like `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2375`, `ssh://me@box`. */
  host?: string;
  /** Name of a docker context to use. */
  context?: string;
}

// True when `path` is a file this process may execute.
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The docker binary: the option, then DOCKER_WRAPPER_DOCKER_PATH, then `docker` or `podman` on PATH.
export function resolveBinary(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const explicit = option ?? env.DOCKER_WRAPPER_DOCKER_PATH;
  if (explicit) {
    if (explicit.includes('/') && !isExecutable(explicit)) {
      throw new DockerWrapperError('DOCKER_NOT_FOUND', `The docker binary ${JSON.stringify(explicit)} (from ${option ? '`binary`' : 'DOCKER_WRAPPER_DOCKER_PATH'}) does not exist or is not executable.`);
    }
    return explicit;
  }
  for (const name of ['docker', 'podman']) {
    const found = findExecutable(name, env);
    if (found) return found;
  }
  throw new DockerWrapperError(
    'DOCKER_NOT_FOUND',
    'No docker binary on PATH. Install the Docker CLI (or Podman), or set DOCKER_WRAPPER_DOCKER_PATH / the `binary` option to its path.',
  );
}

// Where `binary` runs from: itself when it is a path, else the first match on PATH.
export function findExecutable(binary: string, env: Record<string, string | undefined>): string | undefined {
  if (binary.includes('/')) return isExecutable(binary) ? binary : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

// The environment docker processes get: an explicit host wins over contexts and vice versa.
export function dockerEnv(options: RuntimeOptions, env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (options.host) {
    out.DOCKER_HOST = options.host;
    delete out.DOCKER_CONTEXT;
  } else if (options.context) {
    out.DOCKER_CONTEXT = options.context;
    delete out.DOCKER_HOST;
  }
  return out;
}

// The host name or address where an engine at `endpoint` publishes ports.
export function engineHostOf(endpoint: string): string {
  const match = /^(tcp|ssh|http|https):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/.exec(endpoint);
  if (!match?.[2]) return '127.0.0.1';
  const host = match[2].replace(/^\[|\]$/g, '');
  return host === 'localhost' ? '127.0.0.1' : host;
}

// True when the endpoint is this machine's engine (unix socket, named pipe, or a loopback address).
export function isLocalEndpoint(endpoint: string): boolean {
  const host = engineHostOf(endpoint);
  return host === '127.0.0.1' || host === '::1' || /^127\./.test(host);
}
