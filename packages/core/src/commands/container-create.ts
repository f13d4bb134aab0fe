// The Engine API form of `docker run -d`: the create request body built from the same ContainerSpec
// as containerRunArgs(), field for field (pure). An integration test creates one spec both ways and
// compares what docker made.
import type { ApiRoute } from '../transport/route.js';
import type { ContainerSpec, MountSpec } from '../resources/container-spec.js';
import type { RunArgsOptions } from './container-run.js';

const NS_PER_MS = 1_000_000;

function mountOf(mount: Exclude<MountSpec, { type: 'tmpfs' }>, volumeLabels: Record<string, string>): Record<string, unknown> {
  const base = { Type: mount.type, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly };
  return mount.type === 'volume' && Object.keys(volumeLabels).length > 0 ? { ...base, VolumeOptions: { Labels: volumeLabels } } : base;
}

function tmpfsOptions(mount: Extract<MountSpec, { type: 'tmpfs' }>): string {
  return [mount.sizeBytes ? `size=${mount.sizeBytes}` : '', mount.mode !== undefined ? `mode=${mount.mode.toString(8)}` : ''].filter(Boolean).join(',');
}

function healthOf(health: NonNullable<ContainerSpec['healthCheck']>): Record<string, unknown> {
  if (health.test[0] === 'NONE') return { Test: ['NONE'] };
  const out: Record<string, unknown> = { Test: ['CMD-SHELL', health.test[1] ?? ''] };
  if (health.intervalMs !== undefined) out.Interval = Math.round(health.intervalMs) * NS_PER_MS;
  if (health.timeoutMs !== undefined) out.Timeout = Math.round(health.timeoutMs) * NS_PER_MS;
  if (health.retries !== undefined) out.Retries = health.retries;
  if (health.startPeriodMs !== undefined) out.StartPeriod = Math.round(health.startPeriodMs) * NS_PER_MS;
  return out;
}

// The body of `POST /containers/create` for a spec whose image is already substituted.
export function containerCreateBody(spec: ContainerSpec, options: RunArgsOptions): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? options.defaultHostIp, HostPort: port.hostPort !== undefined ? String(port.hostPort) : '' });
  }
  const tmpfs: Record<string, string> = {};
  const mounts: Record<string, unknown>[] = [];
  for (const mount of spec.mounts) {
    if (mount.type === 'tmpfs') tmpfs[mount.target] = tmpfsOptions(mount);
    else mounts.push(mountOf(mount, options.sessionLabels));
  }
  const host: Record<string, unknown> = { PortBindings: bindings, Privileged: spec.privileged };
  if (mounts.length) host.Mounts = mounts;
  if (Object.keys(tmpfs).length) host.Tmpfs = tmpfs;
  if (spec.memoryBytes) host.Memory = spec.memoryBytes;
  if (spec.cpus) host.NanoCpus = Math.round(spec.cpus * 1e9);
  if (spec.cpuShares) host.CpuShares = spec.cpuShares;
  if (spec.restart) host.RestartPolicy = { Name: spec.restart.policy, MaximumRetryCount: spec.restart.maxRetries ?? 0 };
  if (spec.network) host.NetworkMode = spec.network;
  if (spec.extraHosts.length) host.ExtraHosts = spec.extraHosts.map(({ host: name, ip }) => `${name}:${ip}`);
  const body: Record<string, unknown> = {
    Image: spec.image,
    Labels: { ...spec.labels, ...options.sessionLabels },
    Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
    ExposedPorts: exposed,
    HostConfig: host,
  };
  const [entry, ...entryRest] = spec.entrypoint ?? [];
  if (entry !== undefined) body.Entrypoint = [entry];
  const cmd = [...(entry !== undefined ? entryRest : []), ...(spec.command ?? [])];
  if (cmd.length > 0 || entry !== undefined) body.Cmd = cmd;
  if (spec.user) body.User = spec.user;
  if (spec.workdir) body.WorkingDir = spec.workdir;
  if (spec.hostname) body.Hostname = spec.hostname;
  if (spec.healthCheck) body.Healthcheck = healthOf(spec.healthCheck);
  if (spec.network && spec.networkAliases.length) body.NetworkingConfig = { EndpointsConfig: { [spec.network]: { Aliases: [...spec.networkAliases] } } };
  return body;
}

// `POST /containers/create` for a spec (image substituted, name chosen): answers the new id.
export function createContainerRoute(spec: ContainerSpec & { name: string }, options: RunArgsOptions): ApiRoute<string> {
  return {
    method: 'POST',
    path: '/containers/create',
    query: { name: spec.name, platform: spec.platform },
    body: containerCreateBody(spec, options),
    parse: (body) => String((body as { Id?: unknown } | undefined)?.Id ?? ''),
  };
}
