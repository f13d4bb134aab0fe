// The initialised-image cache: initdb and init scripts dominate a cold start, so the first start
// commits the initialised data directory into a local image tagged by a hash of the image and the
// options that shape the data; later starts run that image and skip initialisation.
import type { Docker } from '@docker-wrapper/core';
import { DockerCommandError } from '@docker-wrapper/core';
import { LINEAGE_LABEL, trimCache } from '../cache-limit.js';
import { specHash } from '../hash.js';
import { imageNotFound, pullFailed } from '../image-missing.js';
import { engineScoped, withServiceLock } from '../engine-lock.js';
import { PROJECT_LABEL, currentProject } from '../project.js';
import { CACHE_LABEL } from '../reuse.js';
import { randomPassword } from '../secrets.js';
import { baseBuilder } from './builder.js';
import type { NormalizedPostgresOptions } from './options.js';
import { explainInitFailure } from './init-failure.js';
import { createTemplateSql } from './pool.js';
import { PostgresReady } from './readiness.js';

export const CACHE_REPOSITORY = 'docker-wrapper-cache/postgres';
const BASE_ID_LABEL = 'docker-wrapper.cache-base-id';

// The cache key: what shapes the initialised data (not the password, not runtime settings), and
// the project, whose prune() removes it. ensureInitialisedImage() scopes it to the engine.
export function cacheKey(options: NormalizedPostgresOptions, project: string): string {
  return specHash({ layout: 3, project, image: options.image, user: options.user, database: options.database, scripts: options.initScripts.map((s) => [s.name, specHash(s.content.toString('base64'))]) });
}

// The versions of one definition (same image, user, database and script files, whatever the files
// hold), of which the newest CACHE_KEEP stay. Inline scripts count by their content, so specs that
// differ only in inline SQL, which may well be in use side by side, never evict each other.
export function cacheLineage(options: NormalizedPostgresOptions, project: string): string {
  return specHash({ project, image: options.image, user: options.user, database: options.database, scripts: options.initScripts.map((s) => s.source ?? specHash(s.content.toString('base64'))) });
}

// Reads the base image and the cached image side by side: the base's id, and the base id the
// cached image was made from.
async function lookUp(docker: Docker, base: string, tag: string): Promise<{ baseId?: string; cachedFor?: string }> {
  const [baseImage, cached] = await Promise.all([docker.images.find(base, { substitute: false }), docker.images.find(tag, { substitute: false })]);
  const cachedFor = cached?.labels[BASE_ID_LABEL];
  return { ...(baseImage ? { baseId: baseImage.id } : {}), ...(cachedFor ? { cachedFor } : {}) };
}

// Pulls the base image; a pull that fails is IMAGE_NOT_FOUND, naming the image and the way out.
async function pullBase(docker: Docker, image: string, signal?: AbortSignal): Promise<void> {
  try {
    await docker.images.pull(image, signal ? { signal } : {});
  } catch (error) {
    if (!(error instanceof DockerCommandError) || error.code === 'COMMAND_ABORTED') throw error;
    throw pullFailed(docker, image, error);
  }
  // An aborted pull ends quietly.
  signal?.throwIfAborted();
}

// Tags a session has checked already (the base image does not change under a running session).
const verified = new WeakMap<Docker, Set<string>>();

// Returns the tag of an image holding the initialised database, building it on first use.
export async function ensureInitialisedImage(docker: Docker, options: NormalizedPostgresOptions, signal?: AbortSignal): Promise<string> {
  const base = docker.images.resolve(options.image);
  const project = currentProject();
  // An image cached on one engine is never taken for another's (the engine's identity is in the tag).
  const key = await engineScoped(docker, cacheKey(options, project));
  const tag = `${CACHE_REPOSITORY}:${key}`;
  // `always` pulls the base on every start (as `docker run --pull always` would); a new base id
  // then makes a new cached image.
  if (options.pull === 'always') await pullBase(docker, options.image, signal);
  const known = verified.get(docker) ?? new Set<string>();
  verified.set(docker, known);
  if (known.has(tag)) return tag;
  const first = await lookUp(docker, base, tag);
  if (first.baseId && first.cachedFor === first.baseId) {
    known.add(tag);
    return tag;
  }
  if (!first.baseId && options.pull === 'never') throw imageNotFound(docker, options.image, 'is not on this machine and `pull` is `never`');
  // Pulled before the lock: an engine lock is a container of the base image.
  if (!first.baseId) await pullBase(docker, options.image, signal);
  return withServiceLock(docker, `postgres-cache-${key}`, base, async () => {
    let { baseId, cachedFor } = await lookUp(docker, base, tag);
    if (baseId && cachedFor === baseId) return tag;
    if (!baseId) {
      await pullBase(docker, options.image, signal);
      baseId = (await docker.images.inspect(options.image)).id;
      cachedFor = undefined;
    }
    const lineage = cacheLineage(options, project);
    // The pristine copy and the spares isolate() uses are made as part of readiness, so they are
    // part of the cached data.
    const ready = new PostgresReady(options.user, createTemplateSql(options.database));
    let builder = baseBuilder(options.image, options, randomPassword()).waitFor(ready);
    for (const script of options.initScripts) builder = builder.file(`/docker-entrypoint-initdb.d/${script.name}`, { content: script.content });
    const init = await docker.containers.run(builder, signal ? { signal } : {}).catch((error: unknown) => {
      throw explainInitFailure(error);
    });
    try {
      await ready.session?.close();
      await init.stop({ timeoutSeconds: 30 });
      await init.commit(tag, {
        // The initialising container's (random, since replaced) password is no part of the image.
        changes: ['ENV POSTGRES_PASSWORD='],
        labels: {
          [CACHE_LABEL]: 'postgres',
          [PROJECT_LABEL]: project,
          [LINEAGE_LABEL]: lineage,
          [BASE_ID_LABEL]: baseId,
          // Containers run from this image get their own session labels; blank the builder's.
          'docker-wrapper.session': 'cache',
          'docker-wrapper.pid': '',
          'docker-wrapper.created': '',
        },
      });
    } finally {
      await init.remove();
    }
    // Older versions of this definition go (a failure to remove them fails no start).
    await trimCache(docker, { kind: 'postgres', project, lineage }, tag).catch(() => undefined);
    return tag;
  });
}
