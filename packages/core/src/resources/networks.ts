// Networks: create (labelled with the session), connect and disconnect containers, inspect, remove.
import { randomBytes } from 'node:crypto';
import { command, textCommand, type DockerCommand } from '../cli/command.js';
import { segment } from '../transport/route.js';
import { InvalidOptionError } from '../errors.js';
import { validateLabelKey, validateName } from '../options/validate.js';
import type { EngineContext } from './engine-context.js';

export interface NetworkOptions {
  name?: string;
  driver?: string;
  /** CIDR, like `172.28.0.0/16`. */
  subnet?: string;
  gateway?: string;
  /** No route to the outside world. */
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
}

export interface NetworkInfo {
  id: string;
  name: string;
  driver: string;
  internal: boolean;
  subnets: string[];
  labels: Record<string, string>;
  containers: Record<string, { name: string; ipv4Address: string }>;
}

const CIDR = /^[0-9a-fA-F.:]+\/\d{1,3}$/;

// `docker network inspect` output into NetworkInfo objects (pure).
export function parseNetworkInspect(stdout: string): NetworkInfo[] {
  return (JSON.parse(stdout) as unknown[]).map(toNetworkInfo);
}

// One network's inspect object (the CLI's array item, the API's answer) into NetworkInfo (pure).
export function toNetworkInfo(value: unknown): NetworkInfo {
  {
    const raw = (value ?? {}) as Record<string, unknown>;
    const ipam = (raw.IPAM ?? {}) as { Config?: { Subnet?: string }[] | null };
    const containers = (raw.Containers ?? {}) as Record<string, { Name?: string; IPv4Address?: string }>;
    return {
      id: String(raw.Id ?? ''),
      name: String(raw.Name ?? ''),
      driver: String(raw.Driver ?? ''),
      internal: raw.Internal === true,
      subnets: (ipam.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
      labels: { ...((raw.Labels ?? {}) as Record<string, string>) },
      containers: Object.fromEntries(Object.entries(containers).map(([id, c]) => [id, { name: c.Name ?? '', ipv4Address: c.IPv4Address ?? '' }])),
    };
  }
}

const nothing = () => undefined;

function inspectNetworkCommand(idOrName: string): DockerCommand<NetworkInfo | undefined> {
  return {
    args: ['network', 'inspect', idOrName],
    parse: (stdout) => parseNetworkInspect(stdout)[0],
    api: { method: 'GET', path: `/networks/${segment(idOrName)}`, parse: toNetworkInfo },
  };
}

// `docker network rm id`.
export function removeNetworkCommand(id: string): DockerCommand<void> {
  return { ...command(['network', 'rm', id]), api: { method: 'DELETE', path: `/networks/${segment(id)}`, parse: nothing } };
}

type ContainerRef = string | { id: string };
const idOf = (container: ContainerRef): string => (typeof container === 'string' ? container : container.id);

export class Network implements AsyncDisposable {
  readonly id: string;
  readonly name: string;
  readonly #context: EngineContext;

  constructor(context: EngineContext, id: string, name: string) {
    this.#context = context;
    this.id = id;
    this.name = name;
  }

  async connect(container: ContainerRef, options: { aliases?: string[] } = {}): Promise<void> {
    const names = (options.aliases ?? []).map((alias) => validateName('aliases', alias));
    await this.#context.executor.run({
      ...command(['network', 'connect', ...names.flatMap((alias) => ['--alias', alias]), this.id, idOf(container)]),
      api: { method: 'POST', path: `/networks/${segment(this.id)}/connect`, body: { Container: idOf(container), EndpointConfig: names.length ? { Aliases: names } : {} }, parse: nothing },
    });
  }

  async disconnect(container: ContainerRef, options: { force?: boolean } = {}): Promise<void> {
    await this.#context.executor.run({
      ...command(['network', 'disconnect', ...(options.force ? ['-f'] : []), this.id, idOf(container)]),
      api: { method: 'POST', path: `/networks/${segment(this.id)}/disconnect`, body: { Container: idOf(container), Force: options.force === true }, parse: nothing },
    });
  }

  async inspect(): Promise<NetworkInfo> {
    const info = await this.#context.executor.run(inspectNetworkCommand(this.id));
    if (!info) throw new Error(`docker network inspect printed nothing for ${this.name}`);
    return info;
  }

  async remove(): Promise<void> {
    await this.#context.executor.run(removeNetworkCommand(this.id));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }
}

export class Networks {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  // Creates a network labelled with the session (a random `dw-net-*` name unless one is given).
  async create(options: NetworkOptions = {}): Promise<Network> {
    const name = options.name ? validateName('name', options.name) : `dw-net-${randomBytes(4).toString('hex')}`;
    if (options.subnet !== undefined && !CIDR.test(options.subnet)) throw new InvalidOptionError('subnet', options.subnet, 'Expected CIDR notation like `172.28.0.0/16`.');
    if (options.driver !== undefined) validateName('driver', options.driver);
    const args = ['network', 'create'];
    if (options.driver) args.push('--driver', options.driver);
    if (options.subnet) args.push('--subnet', options.subnet);
    if (options.gateway) args.push('--gateway', options.gateway);
    if (options.internal) args.push('--internal');
    if (options.attachable) args.push('--attachable');
    const labels = { ...(options.labels ?? {}), ...this.#context.labels() };
    for (const [key, value] of Object.entries(labels)) args.push('--label', `${validateLabelKey('labels', key)}=${value}`);
    args.push(name);
    const body: Record<string, unknown> = { Name: name, CheckDuplicate: true, Internal: options.internal === true, Attachable: options.attachable === true, Labels: labels };
    if (options.driver) body.Driver = options.driver;
    if (options.subnet) body.IPAM = { Config: [{ Subnet: options.subnet, ...(options.gateway ? { Gateway: options.gateway } : {}) }] };
    const id = await this.#context.executor.run({
      ...textCommand(args),
      api: { method: 'POST', path: '/networks/create', body, parse: (answer) => String((answer as { Id?: unknown } | undefined)?.Id ?? '') },
    });
    return new Network(this.#context, id, name);
  }

  async get(idOrName: string): Promise<Network> {
    const info = await this.#context.executor.run(inspectNetworkCommand(idOrName));
    if (!info) throw new Error(`no network ${idOrName}`);
    return new Network(this.#context, info.id, info.name);
  }
}
