// `docker run -d` arguments from a ContainerSpec (pure).
import type { ContainerSpec, MountSpec, PortSpec } from '../resources/container-spec.js';

// One field of docker's `--mount` CSV: quoted whole (`"source=a,b"`) when it holds a comma, a
// quote or a line break; a quote inside a bare field is an error to docker's CSV reader.
function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function mountArg(mount: MountSpec, volumeLabels: Record<string, string>): string[] {
  if (mount.type === 'tmpfs') {
    const options = [mount.sizeBytes ? `size=${mount.sizeBytes}` : '', mount.mode !== undefined ? `mode=${mount.mode.toString(8)}` : ''].filter(Boolean);
    return ['--tmpfs', options.length ? `${mount.target}:${options.join(',')}` : mount.target];
  }
  const fields = [`type=${mount.type}`, csvField(`source=${mount.source}`), csvField(`target=${mount.target}`)];
  if (mount.readOnly) fields.push('readonly');
  // A named volume that docker creates for this container carries the session labels too.
  if (mount.type === 'volume') for (const [key, value] of Object.entries(volumeLabels)) fields.push(csvField(`volume-label=${key}=${value}`));
  return ['--mount', fields.join(',')];
}

function portArg(port: PortSpec, defaultHostIp: string): string {
  const ip = port.hostIp ?? defaultHostIp;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `${host}:${port.hostPort ?? ''}:${port.containerPort}/${port.protocol}`;
}

function millis(ms: number): string {
  return `${Math.round(ms)}ms`;
}

export interface RunArgsOptions {
  /** Labels added to the container and to named volumes it creates. */
  sessionLabels: Record<string, string>;
  /** Bind address for ports without an explicit host IP. */
  defaultHostIp: string;
}

// The full `docker run` argument list for a detached container.
export function containerRunArgs(spec: ContainerSpec, options: RunArgsOptions): string[] {
  const args = ['run', '-d', '--pull', spec.pull];
  if (spec.name) args.push('--name', spec.name);
  for (const [key, value] of Object.entries({ ...spec.labels, ...options.sessionLabels })) args.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(spec.env)) args.push('-e', `${key}=${value}`);
  for (const port of spec.ports) args.push('-p', portArg(port, options.defaultHostIp));
  for (const mount of spec.mounts) args.push(...mountArg(mount, options.sessionLabels));
  if (spec.memoryBytes) args.push('--memory', String(spec.memoryBytes));
  if (spec.cpus) args.push('--cpus', String(spec.cpus));
  if (spec.cpuShares) args.push('--cpu-shares', String(spec.cpuShares));
  if (spec.restart) args.push('--restart', spec.restart.maxRetries !== undefined ? `${spec.restart.policy}:${spec.restart.maxRetries}` : spec.restart.policy);
  if (spec.user) args.push('--user', spec.user);
  if (spec.workdir) args.push('--workdir', spec.workdir);
  if (spec.hostname) args.push('--hostname', spec.hostname);
  if (spec.network) args.push('--network', spec.network);
  for (const alias of spec.networkAliases) args.push('--network-alias', alias);
  for (const { host, ip } of spec.extraHosts) args.push('--add-host', `${host}:${ip}`);
  if (spec.healthCheck) args.push(...healthArgs(spec.healthCheck));
  if (spec.platform) args.push('--platform', spec.platform);
  if (spec.privileged) args.push('--privileged');
  const [entry, ...entryRest] = spec.entrypoint ?? [];
  if (entry !== undefined) args.push('--entrypoint', entry);
  args.push(spec.image);
  // An entrypoint given as an array: its extra parts lead the command.
  args.push(...entryRest, ...(spec.command ?? []));
  return args;
}

// docker's `--health-*` flags for a health check definition.
export function healthArgs(health: NonNullable<ContainerSpec['healthCheck']>): string[] {
  if (health.test[0] === 'NONE') return ['--no-healthcheck'];
  const args = ['--health-cmd', health.test[1] ?? ''];
  if (health.intervalMs !== undefined) args.push('--health-interval', millis(health.intervalMs));
  if (health.timeoutMs !== undefined) args.push('--health-timeout', millis(health.timeoutMs));
  if (health.retries !== undefined) args.push('--health-retries', String(health.retries));
  if (health.startPeriodMs !== undefined) args.push('--health-start-period', millis(health.startPeriodMs));
  return args;
}

// The container id `docker run -d` prints last on stdout.
export function parseRunOutput(stdout: string): string {
  const id = stdout.trim().split('\n').at(-1)?.trim() ?? '';
  if (!/^[0-9a-f]{12,64}$/.test(id)) throw new Error(`expected a container id, got ${JSON.stringify(stdout.slice(-200))}`);
  return id;
}
