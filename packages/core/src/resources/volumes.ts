// Volumes: create (labelled with the session), inspect, list, remove.
import { randomBytes } from 'node:crypto';
import { command, parseJsonLines, textCommand, type DockerCommand } from '../cli/command.js';
import { filtersParam, segment } from '../transport/route.js';
import { SESSION_LABEL } from '../cleanup/labels.js';
import { validateLabelKey, validateName } from '../options/validate.js';
import type { EngineContext } from './engine-context.js';

export interface VolumeOptions {
  name?: string;
  driver?: string;
  driverOptions?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface VolumeInfo {
  name: string;
  driver: string;
  mountpoint: string;
  labels: Record<string, string>;
}

// `docker volume inspect` output (pure).
export function parseVolumeInspect(stdout: string): VolumeInfo[] {
  return (JSON.parse(stdout) as unknown[]).map(toVolumeInfo);
}

// One volume object (inspect, or an item of the API's list) into VolumeInfo (pure).
export function toVolumeInfo(value: unknown): VolumeInfo {
  const raw = (value ?? {}) as Record<string, unknown>;
  return {
    name: String(raw.Name ?? ''),
    driver: String(raw.Driver ?? ''),
    mountpoint: String(raw.Mountpoint ?? ''),
    labels: { ...((raw.Labels ?? {}) as Record<string, string>) },
  };
}

const nothing = () => undefined;

// `docker volume rm [-f] name`.
export function removeVolumeCommand(name: string, force = false): DockerCommand<void> {
  return { ...command(['volume', 'rm', ...(force ? ['-f'] : []), name]), api: { method: 'DELETE', path: `/volumes/${segment(name)}`, query: { force: force || undefined }, parse: nothing } };
}

// Names of the volumes carrying a label `key=value` (`docker volume ls -q`).
export function listVolumeNamesCommand(label: string): DockerCommand<string[]> {
  const list = listVolumesCommand([label]);
  return {
    args: ['volume', 'ls', '-q', '--filter', `label=${label}`],
    parse: (stdout) => stdout.split('\n').map((line) => line.trim()).filter(Boolean),
    api: { ...list.api!, parse: (body) => list.api!.parse(body).map((volume) => volume.name) },
  };
}

// `docker volume ls` with label filters (`key=value`).
export function listVolumesCommand(labels: readonly string[]): DockerCommand<VolumeInfo[]> {
  return {
    args: ['volume', 'ls', ...labels.flatMap((label) => ['--filter', `label=${label}`]), '--format', '{{json .}}'],
    parse: parseVolumeList,
    api: {
      method: 'GET',
      path: '/volumes',
      query: { filters: labels.length ? filtersParam({ label: labels }) : undefined },
      parse: (body) => ((body as { Volumes?: unknown[] | null } | undefined)?.Volumes ?? []).map(toVolumeInfo),
    },
  };
}

// `docker volume ls --format '{{json .}}'` lines (pure). Labels come as `k=v,k2=v2`.
export function parseVolumeList(stdout: string): VolumeInfo[] {
  return parseJsonLines<Record<string, string>>(stdout).map((row) => ({
    name: row.Name ?? '',
    driver: row.Driver ?? '',
    mountpoint: row.Mountpoint ?? '',
    labels: Object.fromEntries((row.Labels ?? '').split(',').filter(Boolean).map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    })),
  }));
}

export class Volume implements AsyncDisposable {
  readonly name: string;
  readonly #context: EngineContext;

  constructor(context: EngineContext, name: string) {
    this.#context = context;
    this.name = name;
  }

  async inspect(): Promise<VolumeInfo> {
    const [info] = await this.#context.executor.run({
      args: ['volume', 'inspect', this.name],
      parse: parseVolumeInspect,
      api: { method: 'GET', path: `/volumes/${segment(this.name)}`, parse: (body) => [toVolumeInfo(body)] },
    });
    if (!info) throw new Error(`no volume ${this.name}`);
    return info;
  }

  async remove(options: { force?: boolean } = {}): Promise<void> {
    await this.#context.executor.run(removeVolumeCommand(this.name, options.force));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove({ force: true });
  }
}

export class Volumes {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  // Creates a volume labelled with the session (a random `dw-vol-*` name unless one is given).
  async create(options: VolumeOptions = {}): Promise<Volume> {
    const name = options.name ? validateName('name', options.name) : `dw-vol-${randomBytes(4).toString('hex')}`;
    const args = ['volume', 'create'];
    if (options.driver) args.push('--driver', validateName('driver', options.driver));
    for (const [key, value] of Object.entries(options.driverOptions ?? {})) args.push('--opt', `${validateLabelKey('driverOptions', key)}=${value}`);
    const labels = { ...(options.labels ?? {}), ...this.#context.labels() };
    for (const [key, value] of Object.entries(labels)) args.push('--label', `${validateLabelKey('labels', key)}=${value}`);
    args.push(name);
    const body = { Name: name, Labels: labels, ...(options.driver ? { Driver: options.driver } : {}), ...(options.driverOptions ? { DriverOpts: options.driverOptions } : {}) };
    await this.#context.executor.run({ ...textCommand(args), api: { method: 'POST', path: '/volumes/create', body, parse: () => name } });
    return new Volume(this.#context, name);
  }

  // Lists volumes; `session: true` keeps only this session's, `labels` filters further.
  async list(options: { session?: boolean; labels?: Record<string, string> } = {}): Promise<VolumeInfo[]> {
    const labels = Object.entries({ ...(options.labels ?? {}), ...(options.session ? { [SESSION_LABEL]: this.#context.sessionId } : {}) }).map(([key, value]) => `${key}=${value}`);
    return this.#context.executor.run(listVolumesCommand(labels));
  }

  get(name: string): Volume {
    return new Volume(this.#context, validateName('name', name));
  }
}
