// The cached-image limit: each committed cache image is about as big as its base (150 MB and more),
// and every changed init script makes one, so when a new one is committed only the newest
// CACHE_KEEP versions of that definition (its lineage) in that project stay. Images a container
// still uses are refused by docker and stay until a later commit or prune().
import type { Docker } from '@docker-wrapper/core';
import { PROJECT_LABEL } from './project.js';
import { CACHE_LABEL } from './reuse.js';

/** How many versions of one cached definition a project keeps when a new one is committed. */
export const CACHE_KEEP = 3;
/** The definition a cached image is a version of (a hash; see the template's cache). */
export const LINEAGE_LABEL = 'docker-wrapper.cache-lineage';

export interface CacheScope {
  kind: string;
  project: string;
  lineage: string;
}

export interface ListedImage {
  id: string;
  /** `repository:tag`; undefined for an image whose tag has moved on (`<none>`). */
  reference: string | undefined;
  /** Milliseconds since the epoch (docker gives seconds). */
  createdAt: number;
}

// `2026-12-02 14:00:11 +0000 UTC` -> epoch milliseconds (pure).
function parseCreatedAt(text: string): number {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)/.exec(text);
  return match ? Date.parse(`${match[1]}T${match[2]}${match[3]}:${match[4]}`) : Number.NaN;
}

// `docker image ls --no-trunc --format '{{json .}}'` output, newest first as docker lists it (pure).
export function parseImageList(stdout: string): ListedImage[] {
  return stdout.split('\n').filter((line) => line.trim()).map((line) => {
    const row = JSON.parse(line) as { ID: string; Repository: string; Tag: string; CreatedAt: string };
    const tagged = row.Repository !== '<none>' && row.Tag !== '<none>';
    return { id: row.ID, reference: tagged ? `${row.Repository}:${row.Tag}` : undefined, createdAt: parseCreatedAt(row.CreatedAt) };
  });
}

// What goes: every untagged image (a base or spec change moved its tag on: nothing can start from
// it), and all but the newest `keep` tagged ones, counting `current` (just committed) (pure).
export function beyondLimit(images: readonly ListedImage[], current: string, keep = CACHE_KEEP): ListedImage[] {
  const others = images.filter((image) => image.reference !== undefined && image.reference !== current);
  // Stable: equal times (one-second resolution) keep docker's newest-first order.
  const newestFirst = [...others].sort((a, b) => (b.createdAt || 0) - (a.createdAt || 0));
  return [...newestFirst.slice(Math.max(0, keep - 1)), ...images.filter((image) => image.reference === undefined)];
}

// Removes the cached images of a scope beyond the limit; returns what docker removed (or
// untagged). One that a container uses is refused: it stays, and that is fine.
export async function trimCache(docker: Docker, scope: CacheScope, current: string, keep = CACHE_KEEP): Promise<string[]> {
  const filters = [`${CACHE_LABEL}=${scope.kind}`, `${PROJECT_LABEL}=${scope.project}`, `${LINEAGE_LABEL}=${scope.lineage}`].flatMap((label) => ['--filter', `label=${label}`]);
  const listed = await docker.executor.run({ args: ['image', 'ls', '--no-trunc', '--format', '{{json .}}', ...filters], parse: parseImageList });
  const doomed = beyondLimit(listed, current, keep).map((image) => image.reference ?? image.id);
  if (doomed.length === 0) return [];
  const result = await docker.executor.raw(['image', 'rm', ...doomed], { timeoutMs: 60_000 });
  // docker goes on past a refusal: what it did is on stdout (`Untagged: ...`, `Deleted: ...`).
  return doomed.filter((reference) => result.stdout.includes(`Untagged: ${reference}`) || result.stdout.includes(`Deleted: ${reference}`));
}
