// Runs containers (and waits for them to be ready) and finds the ones this session made.
import { randomBytes } from 'node:crypto';
import { inspectContainerCommand, listLabelledContainersCommand, removeContainersCommand, startCreatedCommand } from '../commands/containers.js';
import { createContainerRoute } from '../commands/container-create.js';
import { containerRunArgs, parseRunOutput, type RunArgsOptions } from '../commands/container-run.js';
import { placeholderInfo, type ContainerInfo } from '../commands/inspect.js';
import { SESSION_LABEL } from '../cleanup/labels.js';
import { isSecretKey } from '../cli/redact.js';
import { DockerCommandError, InvalidOptionError } from '../errors.js';
import { substituteImage } from '../options/image-reference.js';
import type { WaitStrategy } from '../wait/context.js';
import { awaitReadiness, startupError } from '../wait/readiness.js';
import { Wait } from '../wait/wait.js';
import { Container } from './container.js';
import { copyFilesIn } from './copy-files.js';
import { ContainerBuilder } from './container-builder.js';
import type { ContainerSpec } from './container-spec.js';
import type { EngineContext } from './engine-context.js';

const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

// A readable, unique default name: `dw-redis-1a2b3c4d`.
function defaultName(image: string): string {
  const base = (image.split('@')[0] ?? image).split('/').at(-1)?.split(':')[0]?.replace(/[^a-zA-Z0-9_.-]/g, '') || 'container';
  return `dw-${base}-${randomBytes(4).toString('hex')}`;
}

// The default readiness: the health check if the image or builder defines one, else every exposed port.
export function defaultStrategy(info: ContainerInfo): WaitStrategy {
  if (info.hasHealthCheck) return Wait.forHealthy();
  return info.exposedPorts.some((p) => p.endsWith('/tcp')) ? Wait.forPort() : Wait.none();
}

export interface RunOptions {
  /** Gives up (and removes the container) when aborted. */
  signal?: AbortSignal;
  /**
   * Outlives the session: no session labels, so neither close() nor the reaper removes it (for
   * reusable services; remove it yourself or with a prune). Marked `docker-wrapper.persistent=true`.
   */
  persistent?: boolean;
}

// A builder's run as docker will see it (image substituted, name chosen, labels fixed).
interface ResolvedRun {
  spec: ContainerSpec & { name: string };
  labels: RunArgsOptions;
}

export const PERSISTENT_LABEL = 'docker-wrapper.persistent';

export class Containers {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  // The exact `docker run` arguments `run()` would use (image substituted, name chosen).
  runArgs(builder: ContainerBuilder, options: Pick<RunOptions, 'persistent'> = {}): string[] {
    const { spec, labels } = this.#resolve(builder, options);
    return containerRunArgs(spec, labels);
  }

  // What a run of the builder creates: the spec with its image substituted and its name chosen, and
  // the labels and bind address it gets. The `run` arguments and the API body are both made from it.
  #resolve(builder: ContainerBuilder, options: Pick<RunOptions, 'persistent'>): ResolvedRun {
    const spec = builder.spec;
    return {
      spec: { ...spec, image: substituteImage(spec.image, this.#context.substitution), name: spec.name ?? defaultName(spec.image) },
      labels: {
        sessionLabels: options.persistent ? { [PERSISTENT_LABEL]: 'true' } : this.#context.labels(),
        defaultHostIp: this.#context.defaultHostIp,
      },
    };
  }

  // Starts a container and waits until it is ready, all within one startup budget. Calls: create,
  // start and inspect over the Engine API (`run -d` and `inspect` over the CLI), plus what the wait
  // needs. A container that fails to become
  // ready is removed (unless DOCKER_WRAPPER_KEEP=1) and a StartupError explains why.
  async run(builder: ContainerBuilder, options: RunOptions = {}): Promise<Container> {
    if (!(builder instanceof ContainerBuilder)) throw new InvalidOptionError('containers.run(builder)', builder, 'Expected a `new ContainerBuilder(image)`.');
    const { executor } = this.#context;
    const spec = builder.spec;
    const startedAt = performance.now();
    const budgetMs = spec.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    const budget = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(budgetMs)]) : AbortSignal.timeout(budgetMs);
    const remaining = () => Math.max(1, Math.ceil(budgetMs - (performance.now() - startedAt)));
    // Values of secret-looking or secret-marked variables are masked in every error and report.
    for (const [key, value] of Object.entries(spec.env)) if (spec.secretEnv.includes(key) || isSecretKey(key)) executor.redactor.add(value);
    const resolved = this.#resolve(builder, options);
    const args = containerRunArgs(resolved.spec, resolved.labels);
    const { name } = resolved.spec;
    const failureContext = { executor, startedAt, image: spec.image };

    let container: Container;
    // A strategy that needs only the id runs while the container is inspected.
    let readiness: Promise<void> | undefined;
    const early = spec.wait?.idOnly === true ? spec.wait : undefined;
    try {
      const id = await this.#createAndStart(resolved, args, { signal: budget, timeoutMs: remaining });
      if (early) {
        container = new Container(this.#context, placeholderInfo(id, name, resolved.spec.image, this.#knownPorts(builder)));
        readiness = awaitReadiness(container, early, { ...failureContext, budget, localEngine: this.#context.localEngine });
        readiness.catch(() => undefined);
        await container.inspect({ signal: budget, timeoutMs: remaining() });
      } else {
        container = new Container(this.#context, await executor.run(inspectContainerCommand(id), { signal: budget, timeoutMs: remaining() }));
      }
    } catch (error) {
      // docker may have created the container before failing to start it. Not when the name was
      // taken or the image missing: then nothing was created, and the name may be someone else's.
      const createdNothing = error instanceof DockerCommandError && (error.code === 'NAME_IN_USE' || error.code === 'IMAGE_NOT_FOUND');
      if (!createdNothing) await executor.run(removeContainersCommand([name]), { timeoutMs: 30_000 }).catch(() => undefined);
      if (error instanceof DockerCommandError && (error.code === 'COMMAND_TIMEOUT' || error.code === 'COMMAND_ABORTED')) {
        throw await startupError(undefined, 'docker run', budget.aborted && !options.signal?.aborted ? 'timeout' : 'failed', error.message, failureContext, error);
      }
      throw error;
    }

    const strategy = spec.wait ?? defaultStrategy(container.info);
    try {
      await (readiness ?? awaitReadiness(container, strategy, { ...failureContext, budget, localEngine: this.#context.localEngine }));
    } catch (error) {
      if (!this.#context.keep) await container.remove().catch(() => undefined);
      throw error;
    }
    // The wait may have seen the container change (ports bound late, health): refresh cheaply only
    // when some published port has no host binding yet.
    if (Object.values(container.info.ports).some((bindings) => bindings.length === 0) && spec.ports.length > 0) await container.inspect();
    return container;
  }

  // Creates and starts the container: over the Engine API (create, copy the files, start), or with
  // the CLI (`run -d`, or `create`, one `cp` per folder, `start` when there are files). The CLI also
  // serves a pull: a missing image with `pull: 'missing'`, or `pull: 'always'`.
  async #createAndStart(resolved: ResolvedRun, args: string[], budget: { signal: AbortSignal; timeoutMs: () => number }): Promise<string> {
    const { executor } = this.#context;
    const { spec } = resolved;
    const call = () => ({ signal: budget.signal, timeoutMs: budget.timeoutMs() });
    if (executor.transport === 'api' && spec.pull !== 'always') {
      let id: string | undefined;
      try {
        id = await executor.request(args, createContainerRoute(spec, resolved.labels), call());
      } catch (error) {
        if (!(spec.pull === 'missing' && error instanceof DockerCommandError && error.code === 'IMAGE_NOT_FOUND')) throw error;
      }
      if (id !== undefined) {
        await copyFilesIn(executor, id, spec.files, call());
        await executor.run(startCreatedCommand(id, args), call());
        return id;
      }
    }
    if (spec.files.length === 0) return executor.run({ args, parse: parseRunOutput }, call());
    const id = await executor.run({ args: ['create', ...args.slice(2)], parse: parseRunOutput }, call());
    await copyFilesIn(executor, id, spec.files, call());
    await executor.run({ args: ['start', id], parse: () => undefined }, call());
    return id;
  }

  // The published ports whose host port was chosen before the start (an early wait may use them).
  #knownPorts(builder: ContainerBuilder): ContainerInfo['ports'] {
    const ports: ContainerInfo['ports'] = {};
    for (const port of builder.spec.ports) {
      if (port.hostPort === undefined) continue;
      (ports[`${port.containerPort}/${port.protocol}`] ??= []).push({ hostIp: port.hostIp ?? this.#context.defaultHostIp, hostPort: port.hostPort });
    }
    return ports;
  }

  // A handle on an existing container by id or name.
  async get(idOrName: string): Promise<Container> {
    return new Container(this.#context, await this.#context.executor.run(inspectContainerCommand(idOrName)));
  }

  // Ids of the containers this session created (running or not).
  async listSession(): Promise<string[]> {
    return this.#context.executor.run(listLabelledContainersCommand(`${SESSION_LABEL}=${this.#context.sessionId}`));
  }
}
