// Images: presence, pull with progress, build, tag, inspect, history, remove. Every reference goes
// through the session's image substitution.
import { command } from '../cli/command.js';
import { buildCommand, inspectImageCommand, parseHistory, parsePullLine, type BuildOptions, type HistoryEntry, type ImageInfo, type PullProgress } from '../commands/images.js';
import { DockerCommandError, InvalidOptionError } from '../errors.js';
import { substituteImage, validateImageReference } from '../options/image-reference.js';
import { validateLabelKey } from '../options/validate.js';
import { processLines } from '../streams/process-lines.js';
import type { EngineContext } from './engine-context.js';

export class Images {
  readonly #context: EngineContext;

  constructor(context: EngineContext) {
    this.#context = context;
  }

  // The reference docker will really use for `reference` (substitution and registry prefix).
  resolve(reference: string): string {
    return substituteImage(validateImageReference('image', reference), this.#context.substitution);
  }

  async exists(reference: string): Promise<boolean> {
    return (await this.find(reference)) !== undefined;
  }

  // The image's inspect data, or undefined when the engine has no such image. `substitute: false`
  // looks the reference up as given (one already resolved, or a local tag).
  async find(reference: string, options: { substitute?: boolean } = {}): Promise<ImageInfo | undefined> {
    const exact = options.substitute === false ? validateImageReference('image', reference) : this.resolve(reference);
    try {
      return await this.#context.executor.run(inspectImageCommand(exact), { timeoutMs: 30_000 });
    } catch (error) {
      if (error instanceof DockerCommandError && error.code === 'IMAGE_NOT_FOUND') return undefined;
      throw error;
    }
  }

  // Pulls an image, reporting each progress line.
  async pull(reference: string, options: { onProgress?: (event: PullProgress) => void; signal?: AbortSignal } = {}): Promise<void> {
    const args = ['pull', this.resolve(reference)];
    for await (const line of processLines(this.#context.executor, args, options.signal ? { signal: options.signal } : {})) {
      options.onProgress?.(parsePullLine(line));
    }
  }

  // Builds an image and returns its id.
  async build(options: BuildOptions & { signal?: AbortSignal; timeoutMs?: number }): Promise<string> {
    if (!options.context) throw new InvalidOptionError('context', options.context, 'Expected the path of a build context folder.');
    if (options.tag) validateImageReference('tag', options.tag);
    for (const key of Object.keys(options.labels ?? {})) validateLabelKey('labels', key);
    return this.#context.executor.run(buildCommand(options), { timeoutMs: options.timeoutMs ?? 30 * 60_000, ...(options.signal ? { signal: options.signal } : {}) });
  }

  async tag(source: string, target: string): Promise<void> {
    await this.#context.executor.run(command(['tag', this.resolve(source), validateImageReference('target', target)]));
  }

  async inspect(reference: string): Promise<ImageInfo> {
    const info = await this.#context.executor.run(inspectImageCommand(this.resolve(reference)));
    if (!info) throw new Error(`docker image inspect printed nothing for ${reference}`);
    return info;
  }

  async history(reference: string): Promise<HistoryEntry[]> {
    return this.#context.executor.run({ args: ['history', '--no-trunc', '--format', '{{json .}}', this.resolve(reference)], parse: parseHistory });
  }

  async remove(reference: string, options: { force?: boolean } = {}): Promise<void> {
    await this.#context.executor.run(command(['image', 'rm', ...(options.force ? ['-f'] : []), this.resolve(reference)]));
  }
}
