// The plain data a ContainerBuilder collects: everything `docker run` needs, nothing mutable.

export type Protocol = 'tcp' | 'udp';

export interface PortSpec {
  containerPort: number;
  protocol: Protocol;
  /** Host port; docker chooses a free one when absent. */
  hostPort?: number;
  /** Host address to bind; the engine's default bind address (127.0.0.1 locally) when absent. */
  hostIp?: string;
}

export type MountSpec =
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string; sizeBytes?: number; mode?: number };

export interface HealthCheckSpec {
  /** `['NONE']`, `['CMD-SHELL', script]`. */
  test: string[];
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
}

import type { WaitStrategy } from '../wait/context.js';

/** A file placed in the container before it starts (init scripts, configs). */
export interface FileSpec {
  /** Absolute path of the file inside the container. */
  target: string;
  /** The file's content, or `source`: a host file to copy. */
  content?: string | Uint8Array;
  source?: string;
  /** Permission bits (default 0o644). */
  mode?: number;
}

export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';
export type PullPolicy = 'missing' | 'always' | 'never';

export interface ContainerSpec {
  image: string;
  name?: string;
  env: Readonly<Record<string, string>>;
  /** Env keys whose values are secrets: masked in errors and diagnostics. */
  secretEnv: readonly string[];
  command?: readonly string[];
  entrypoint?: readonly string[];
  ports: readonly PortSpec[];
  mounts: readonly MountSpec[];
  files: readonly FileSpec[];
  memoryBytes?: number;
  cpus?: number;
  /** Relative CPU weight under contention (docker's --cpu-shares; 1024 is the default). */
  cpuShares?: number;
  restart?: { policy: RestartPolicy; maxRetries?: number };
  labels: Readonly<Record<string, string>>;
  user?: string;
  workdir?: string;
  hostname?: string;
  network?: string;
  networkAliases: readonly string[];
  extraHosts: readonly { host: string; ip: string }[];
  healthCheck?: HealthCheckSpec;
  platform?: string;
  privileged: boolean;
  pull: PullPolicy;
  /** What `run()` waits for; the default is the health check if any, else every exposed port. */
  wait?: WaitStrategy;
  /** One budget for pull, create, start and wait (default 60 s). */
  startupTimeoutMs?: number;
}
