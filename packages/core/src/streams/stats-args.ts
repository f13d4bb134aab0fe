// The containers a `docker stats` reads, and its arguments (pure).
import { InvalidOptionError } from '../errors.js';

/** A container id or name, or anything with an `id` (a `Container`). */
export type ContainerRef = string | { readonly id: string };

// The container ids or names of a stats target; refuses anything else.
export function statsIds(targets: ContainerRef | readonly ContainerRef[]): string[] {
  const ids = (Array.isArray(targets) ? targets : [targets]).map((target: ContainerRef) => (typeof target === 'string' ? target : target?.id));
  if (ids.length === 0 || ids.some((id) => typeof id !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(id))) {
    throw new InvalidOptionError('container', targets, 'Expected a container, or a container id or name, or an array of them.');
  }
  return ids as string[];
}

// `docker stats` arguments for these containers (live, or one sample with `--no-stream`).
export function statsArgs(targets: ContainerRef | readonly ContainerRef[], options: { once?: boolean } = {}): string[] {
  return ['stats', ...(options.once ? ['--no-stream'] : []), '--no-trunc', '--format', '{{json .}}', ...statsIds(targets)];
}
