// Runs containers and finds the ones this session made.
import { randomBytes } from 'node:crypto';
import { parseIdList, inspectContainerCommand } from '../commands/containers.js';
import { containerRunArgs, parseRunOutput } from '../commands/container-run.js';
import { SESSION_LABEL } from '../cleanup/labels.js';
import { substituteImage } from '../options/image-reference.js';
import { Container } from './container.js';
import type { ContainerBuilder } from './container-builder.js';
import type { EngineContext } from './engine-context.js';

// A readable, unique default name: `dw-redis-1a2b3c4d`.
function defaultName(image: string): string {
  const base = (image.split('@')[0] ?? image).split('/').at(-1)?.split(':')[0]?.replace(/[^a-zA-Z0-9_.-]/g, '') || 'container';
  return `dw-${base}-${randomBytes(4).toString('hex')}`;
}

export class Containers {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  // The exact `docker run` arguments `run()` would use (image substituted, name chosen).
  runArgs(builder: ContainerBuilder): string[] {
    const spec = builder.spec;
    const image = substituteImage(spec.image, this.#context.substitution);
    return containerRunArgs({ ...spec, image, name: spec.name ?? defaultName(spec.image) }, {
      sessionLabels: this.#context.labels(),
      defaultHostIp: this.#context.defaultHostIp,
    });
  }

  // Starts a container (two docker processes: `run -d`, `inspect`). If docker created it but
  // could not start it, it is removed before the error is thrown.
  async run(builder: ContainerBuilder, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Container> {
    const executor = this.#context.executor;
    for (const key of builder.spec.secretEnv) executor.redactor.add(builder.spec.env[key]);
    const args = this.runArgs(builder);
    const name = args[args.indexOf('--name') + 1] as string;
    let id: string;
    try {
      id = await executor.run({ args, parse: parseRunOutput }, options);
    } catch (error) {
      await executor.raw(['rm', '-f', '-v', name], { timeoutMs: 30_000 }).catch(() => undefined);
      throw error;
    }
    const info = await executor.run(inspectContainerCommand(id), options);
    return new Container(this.#context, info);
  }

  // A handle on an existing container by id or name.
  async get(idOrName: string): Promise<Container> {
    return new Container(this.#context, await this.#context.executor.run(inspectContainerCommand(idOrName)));
  }

  // Ids of the containers this session created (running or not).
  async listSession(): Promise<string[]> {
    return this.#context.executor.run({ args: ['ps', '-aq', '--no-trunc', '--filter', `label=${SESSION_LABEL}=${this.#context.sessionId}`], parse: parseIdList });
  }
}
