// prune(): removes what outlives sessions, reused containers (with their networks) and cached
// images, of the current project only unless asked for every project's.
import type { Docker } from '@docker-wrapper/core';
import { InvalidOptionError, PERSISTENT_LABEL } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateBoolean } from './options.js';
import { PROJECT_LABEL, currentProject, validateProject } from './project.js';
import { CACHE_LABEL, TEMPLATE_LABEL } from './reuse.js';

export interface PruneOptions {
  /** Remove reusable (persistent) service containers and their networks (default true). */
  reused?: boolean;
  /** Remove initialised-image cache images (default true). */
  cache?: boolean;
  /** Only what these templates made, e.g. `['redis']` (default: every template). */
  kinds?: string[];
  /**
   * Whose resources (default: this project: DOCKER_WRAPPER_PROJECT, else the folder of the
   * nearest package.json at or above the working directory).
   */
  project?: string;
  /** Every project's, and what was made before resources carried a project (default false). */
  all?: boolean;
  /** List what would be removed and remove nothing (default false). */
  dryRun?: boolean;
}

export interface PruneResult {
  containers: string[];
  /** Networks made for reusable services (the Kafka template's `dw-kafka-<hash>`). */
  networks: string[];
  images: string[];
  /** The project pruned; undefined with `all: true`. */
  project: string | undefined;
}

interface Scope {
  reused: boolean;
  cache: boolean;
  kinds: (string | undefined)[];
  project: string | undefined;
  dryRun: boolean;
}

const KNOWN = ['reused', 'cache', 'kinds', 'project', 'all', 'dryRun'] as const;

function normalizePruneOptions(options: PruneOptions): Scope {
  rejectUnknownOptions('prune', options, KNOWN);
  const all = validateBoolean('prune.all', options.all, false);
  if (all && options.project !== undefined) throw new InvalidOptionError('prune.project', options.project, 'Give `project` or `all: true`, not both.');
  if (options.kinds !== undefined && (!Array.isArray(options.kinds) || options.kinds.some((kind) => typeof kind !== 'string' || !/^[a-z0-9-]+$/.test(kind)))) {
    throw new InvalidOptionError('prune.kinds', options.kinds, 'Expected template names like `["postgres", "redis"]`.');
  }
  return {
    reused: validateBoolean('prune.reused', options.reused, true),
    cache: validateBoolean('prune.cache', options.cache, true),
    kinds: options.kinds ?? [undefined],
    project: all ? undefined : options.project !== undefined ? validateProject('prune.project', options.project) : currentProject(),
    dryRun: validateBoolean('prune.dryRun', options.dryRun, false),
  };
}

/**
 * Removes what outlives sessions: reused containers (and their networks) and cached images made by
 * the templates, of this project unless `all: true`.
 * @example
 * await prune(docker);                          // this project's
 * await prune(docker, { all: true, dryRun: true }); // what every project's prune would remove
 */
export async function prune(docker: Docker, options: PruneOptions = {}): Promise<PruneResult> {
  const scope = normalizePruneOptions(options);
  const listIds = (args: string[]) => docker.executor.run({ args, parse: (stdout) => [...new Set(stdout.split('\n').map((l) => l.trim()).filter(Boolean))] });
  const filters = (labels: (string | undefined)[]) => labels.flatMap((label) => (label ? ['--filter', `label=${label}`] : []));
  const project = scope.project === undefined ? undefined : `${PROJECT_LABEL}=${scope.project}`;
  // docker ANDs filters of different labels and ORs none, so each kind is its own listing.
  const list = async (args: string[], label: string, kindLabel: string) => {
    const lists = await Promise.all(scope.kinds.map((kind) => listIds([...args, ...filters([label, kind && `${kindLabel}=${kind}`, project])])));
    return [...new Set(lists.flat())];
  };
  const none = Promise.resolve([] as string[]);
  const [containers, networkIds, images] = await Promise.all([
    scope.reused ? list(['ps', '-aq', '--no-trunc'], `${PERSISTENT_LABEL}=true`, TEMPLATE_LABEL) : none,
    scope.reused ? list(['network', 'ls', '-q', '--no-trunc'], `${PERSISTENT_LABEL}=true`, TEMPLATE_LABEL) : none,
    scope.cache ? list(['image', 'ls', '-q', '--no-trunc'], CACHE_LABEL, CACHE_LABEL) : none,
  ]);
  if (scope.dryRun) return { containers, networks: networkIds, images, project: scope.project };
  if (containers.length > 0) await docker.executor.run({ args: ['rm', '-f', '-v', ...containers], parse: () => undefined });
  // A network some other container still uses (one a test attached to it) stays.
  const removed = await Promise.all(networkIds.map(async (id) => {
    const result = await docker.executor.raw(['network', 'rm', id]);
    if (result.exitCode !== 0 && !/active endpoints|No such network|not found/i.test(result.stderr)) throw docker.executor.failure(['network', 'rm', id], result);
    return result.exitCode === 0 ? id : undefined;
  }));
  if (images.length > 0) await docker.executor.run({ args: ['image', 'rm', '-f', ...images], parse: () => undefined });
  return { containers, networks: removed.filter((id) => id !== undefined), images, project: scope.project };
}
