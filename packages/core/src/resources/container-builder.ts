// An immutable description of a container to run: every method validates its input at once and
// returns a new builder, so a builder can be shared, extended and run many times.
import { InvalidOptionError } from '../errors.js';
import { validateImageReference } from '../options/image-reference.js';
import {
  parseMemorySize, validateArgv, validateContainerPath, validateEnvKey, validateFlag, validateHostPath, validateInteger,
  validateIp, validateLabelKey, validateDuration, validateName, validatePort, validateUser, validateValue,
} from '../options/validate.js';
import type { WaitStrategy } from '../wait/context.js';
import { validateHealthCheckSpec } from '../wait/health-check.js';
import type { ContainerSpec, HealthCheckSpec, MountSpec, Protocol, PullPolicy, RestartPolicy } from './container-spec.js';

const RESTART_POLICIES: readonly RestartPolicy[] = ['no', 'always', 'unless-stopped', 'on-failure'];
const PULL_POLICIES: readonly PullPolicy[] = ['missing', 'always', 'never'];

export interface PortOptions {
  hostPort?: number;
  /** Defaults to 127.0.0.1 on a local engine. */
  hostIp?: string;
  protocol?: Protocol;
}

/** Something that can turn into a health check definition (see `HealthCheck`). */
export interface HealthCheckSource {
  toSpec(): HealthCheckSpec;
}

/** Anything with a `containers.run(builder)` (a connected `Docker`). */
export interface ContainerRunner<T> {
  containers: { run(builder: ContainerBuilder): Promise<T> };
}

// Marks builders across copies of this package: a test runner may load core twice (Vitest's config
// bundle and its global-setup module runner), and each copy has its own class.
const BRAND = Symbol.for('docker-wrapper.ContainerBuilder');

export class ContainerBuilder {
  readonly #spec: Readonly<ContainerSpec>;

  /** `x instanceof ContainerBuilder` holds for a builder of any loaded copy of this package. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  get [BRAND](): true {
    return true;
  }

  // Starts a description of a container of `image` (substitution applies when it runs).
  constructor(image: string, spec?: ContainerSpec) {
    validateImageReference('image', image);
    if (spec !== undefined) validateImageReference('image', spec.image);
    this.#spec = Object.freeze(
      spec ?? { image, env: {}, secretEnv: [], ports: [], mounts: [], files: [], labels: {}, networkAliases: [], extraHosts: [], privileged: false, pull: 'missing' },
    );
  }

  /** The plain, frozen data collected so far. */
  get spec(): Readonly<ContainerSpec> {
    return this.#spec;
  }

  #with(patch: Partial<ContainerSpec>): ContainerBuilder {
    return new ContainerBuilder(this.#spec.image, { ...this.#spec, ...patch });
  }

  name(name: string): ContainerBuilder {
    return this.#with({ name: validateName('name', name) });
  }

  // Sets one variable, or several from a record. `{ secret: true }` masks the value in errors and
  // diagnostics (keys that look secret, like *PASSWORD*, are masked anyway).
  env(key: string | Record<string, string>, value?: string, options: { secret?: boolean } = {}): ContainerBuilder {
    const entries = typeof key === 'string' ? [[key, value] as const] : Object.entries(key);
    const env = { ...this.#spec.env };
    const secretEnv = new Set(this.#spec.secretEnv);
    for (const [k, v] of entries) {
      validateEnvKey('env', k);
      env[k] = validateValue(`env.${k}`, v);
      if (options.secret) secretEnv.add(k);
    }
    return this.#with({ env, secretEnv: [...secretEnv] });
  }

  command(argv: readonly string[]): ContainerBuilder {
    return this.#with({ command: validateArgv('command', argv, { allowEmpty: true }) });
  }

  entrypoint(argv: readonly string[] | string): ContainerBuilder {
    return this.#with({ entrypoint: validateArgv('entrypoint', typeof argv === 'string' ? [argv] : argv) });
  }

  // Publishes a container port; docker picks a free host port on 127.0.0.1 unless told otherwise.
  port(containerPort: number, options: PortOptions = {}): ContainerBuilder {
    validatePort('port', containerPort);
    const protocol = options.protocol ?? 'tcp';
    if (protocol !== 'tcp' && protocol !== 'udp') throw new InvalidOptionError('port.protocol', protocol, 'Expected `tcp` or `udp`.');
    if (options.hostPort !== undefined) validatePort('port.hostPort', options.hostPort);
    if (options.hostIp !== undefined) validateIp('port.hostIp', options.hostIp);
    const ports = this.#spec.ports.filter((p) => !(p.containerPort === containerPort && p.protocol === protocol));
    ports.push({ containerPort, protocol, ...(options.hostPort ? { hostPort: options.hostPort } : {}), ...(options.hostIp ? { hostIp: options.hostIp } : {}) });
    return this.#with({ ports });
  }

  // Mounts a named volume (created, with this session's labels, when missing).
  volume(name: string, target: string, options: { readOnly?: boolean } = {}): ContainerBuilder {
    validateName('volume', name);
    validateContainerPath('volume target', target);
    return this.#withMount('volume target', { type: 'volume', source: name, target, readOnly: options.readOnly ?? false });
  }

  // Mounts a host path.
  bind(hostPath: string, target: string, options: { readOnly?: boolean } = {}): ContainerBuilder {
    validateHostPath('bind', hostPath);
    validateContainerPath('bind target', target);
    return this.#withMount('bind target', { type: 'bind', source: hostPath, target, readOnly: options.readOnly ?? false });
  }

  tmpfs(target: string, options: { size?: string | number; mode?: number } = {}): ContainerBuilder {
    validateContainerPath('tmpfs', target);
    // docker reads `--tmpfs path:options`: a colon in the path would start mount options.
    if (target.includes(':')) throw new InvalidOptionError('tmpfs', target, 'Expected a path without `:`; give the size and mode as options.');
    const sizeBytes = options.size !== undefined ? parseMemorySize('tmpfs.size', options.size) : undefined;
    if (options.mode !== undefined) validateInteger('tmpfs.mode', options.mode, 0, 0o7777);
    return this.#withMount('tmpfs', { type: 'tmpfs', target, ...(sizeBytes ? { sizeBytes } : {}), ...(options.mode !== undefined ? { mode: options.mode } : {}) });
  }

  // One mount per container path: docker refuses a second ("Duplicate mount point").
  #withMount(option: string, mount: MountSpec): ContainerBuilder {
    const normalized = mount.target.replace(/\/+$/, '') || '/';
    if (this.#spec.mounts.some((m) => (m.target.replace(/\/+$/, '') || '/') === normalized)) {
      throw new InvalidOptionError(option, mount.target, 'Expected a container path no other volume, bind or tmpfs of this builder mounts on.');
    }
    return this.#with({ mounts: [...this.#spec.mounts, mount] });
  }

  // Places a file in the container before it starts: `{ content }` or a host file `{ source }`.
  // Works with remote engines too (copied through the docker CLI, not bind-mounted).
  file(target: string, file: { content: string | Uint8Array; mode?: number } | { source: string; mode?: number }): ContainerBuilder {
    validateContainerPath('file', target);
    if (target.endsWith('/')) throw new InvalidOptionError('file', target, 'Expected a file path, not a folder.');
    const content = 'content' in file ? file.content : undefined;
    const source = 'source' in file ? file.source : undefined;
    if (content === undefined) validateHostPath('file.source', source);
    if (content !== undefined && typeof content !== 'string' && !(content instanceof Uint8Array)) throw new InvalidOptionError('file.content', content, 'Expected a string or bytes.');
    if (file.mode !== undefined) validateInteger('file.mode', file.mode, 0, 0o7777);
    const entry = { target, ...(content !== undefined ? { content } : { source: source as string }), ...(file.mode !== undefined ? { mode: file.mode } : {}) };
    return this.#with({ files: [...this.#spec.files.filter((f) => f.target !== target), entry] });
  }

  memoryLimit(size: string | number): ContainerBuilder {
    return this.#with({ memoryBytes: parseMemorySize('memoryLimit', size) });
  }

  cpus(count: number): ContainerBuilder {
    if (typeof count !== 'number' || !(count > 0) || count > 1024) throw new InvalidOptionError('cpus', count, 'Expected a positive number of CPUs, like 0.5 or 2.');
    return this.#with({ cpus: count });
  }

  // Weight of this container when CPUs are contended (docker's --cpu-shares; default 1024). It
  // limits nothing on an idle machine.
  cpuShares(weight: number): ContainerBuilder {
    return this.#with({ cpuShares: validateInteger('cpuShares', weight, 2, 262_144) });
  }

  restartPolicy(policy: RestartPolicy, options: { maxRetries?: number } = {}): ContainerBuilder {
    if (!RESTART_POLICIES.includes(policy)) throw new InvalidOptionError('restartPolicy', policy, `Expected one of ${RESTART_POLICIES.join(', ')}.`);
    if (options.maxRetries !== undefined) {
      validateInteger('restartPolicy.maxRetries', options.maxRetries, 0);
      if (policy !== 'on-failure') throw new InvalidOptionError('restartPolicy.maxRetries', options.maxRetries, 'Only `on-failure` takes a retry count.');
    }
    return this.#with({ restart: { policy, ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) } });
  }

  label(key: string, value: string): ContainerBuilder {
    return this.labels({ [key]: value });
  }

  labels(labels: Record<string, string>): ContainerBuilder {
    for (const [key, value] of Object.entries(labels)) {
      validateLabelKey('label', key);
      if (key.startsWith('docker-wrapper.session')) throw new InvalidOptionError('label', key, 'The `docker-wrapper.session` label is set by the session.');
      validateValue(`label.${key}`, value);
    }
    return this.#with({ labels: { ...this.#spec.labels, ...labels } });
  }

  user(user: string): ContainerBuilder {
    return this.#with({ user: validateUser('user', user) });
  }

  workdir(path: string): ContainerBuilder {
    return this.#with({ workdir: validateContainerPath('workdir', path) });
  }

  hostname(name: string): ContainerBuilder {
    return this.#with({ hostname: validateName('hostname', name) });
  }

  // Attaches the container to a network, optionally with aliases other containers can resolve.
  network(name: string, options: { aliases?: string[] } = {}): ContainerBuilder {
    validateName('network', name);
    const aliases = (options.aliases ?? []).map((alias) => validateName('network.aliases', alias));
    return this.#with({ network: name, networkAliases: [...this.#spec.networkAliases, ...aliases] });
  }

  networkAlias(...aliases: string[]): ContainerBuilder {
    return this.#with({ networkAliases: [...this.#spec.networkAliases, ...aliases.map((a) => validateName('networkAlias', a))] });
  }

  extraHost(host: string, ip: string): ContainerBuilder {
    validateName('extraHost', host);
    if (ip !== 'host-gateway') validateIp('extraHost.ip', ip, 'Expected an IP address or `host-gateway`.');
    return this.#with({ extraHosts: [...this.#spec.extraHosts, { host, ip }] });
  }

  healthCheck(check: HealthCheckSource | HealthCheckSpec): ContainerBuilder {
    const source = check as Partial<HealthCheckSource> | null;
    const spec = validateHealthCheckSpec('healthCheck', typeof source?.toSpec === 'function' ? source.toSpec() : check);
    return this.#with({ healthCheck: spec });
  }

  platform(platform: string): ContainerBuilder {
    if (typeof platform !== 'string' || !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform)) throw new InvalidOptionError('platform', platform, 'Expected `os/arch[/variant]`, like `linux/amd64`.');
    return this.#with({ platform });
  }

  // Gives the container extended privileges. Off unless asked for.
  privileged(enabled = true): ContainerBuilder {
    return this.#with({ privileged: validateFlag('privileged', enabled) });
  }

  pull(policy: PullPolicy): ContainerBuilder {
    if (!PULL_POLICIES.includes(policy)) throw new InvalidOptionError('pull', policy, `Expected one of ${PULL_POLICIES.join(', ')}.`);
    return this.#with({ pull: policy });
  }

  // What `run()` waits for before it returns (see `Wait`).
  waitFor(strategy: WaitStrategy): ContainerBuilder {
    if (typeof (strategy as Partial<WaitStrategy> | undefined)?.wait !== 'function') {
      throw new InvalidOptionError('waitFor', strategy, 'Expected a strategy made by `Wait.*`, like `Wait.forPort(5432)`.');
    }
    return this.#with({ wait: strategy });
  }

  // One budget for every phase of `run()`: pull or build, create, start, wait (default 60 s).
  startupTimeout(ms: number): ContainerBuilder {
    validateDuration('startupTimeout', ms);
    if (ms <= 0) throw new InvalidOptionError('startupTimeout', ms, 'Expected a positive number of milliseconds.');
    return this.#with({ startupTimeoutMs: ms });
  }

  // Runs the container on a connected Docker; same as `docker.containers.run(builder)`.
  run<T>(docker: ContainerRunner<T>): Promise<T> {
    return docker.containers.run(this);
  }
}
