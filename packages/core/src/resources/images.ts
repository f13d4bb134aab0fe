// Images: presence, pull with progress, build, tag, inspect, history, remove. Every reference goes
// through the session's image substitution.
import { command } from '../cli/command.js';
import { buildCommand, parseHistory, parseImageInspect, parsePullLine, type BuildOptions, type HistoryEntry, type ImageInfo, type PullProgress } from '../commands/images.js';
import { InvalidOptionError } from '../errors.js';
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
    const result = await this.#context.executor.raw(['image', 'inspect', '--format', '{{.Id}}', this.resolve(reference)], { timeoutMs: 30_000 });
    return result.exitCode === 0;
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
    const [info] = await this.#context.executor.run({ args: ['image', 'inspect', this.resolve(reference)], parse: parseImageInspect });
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
