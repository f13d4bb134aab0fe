// prune() and the cached-image limit act per project. Each test works in project names of its own
// (DOCKER_WRAPPER_PROJECT), so it never touches what other suites on this engine made; `all: true`
// is only ever asked for as a dry run here.
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Docker } from '@docker-wrapper/core';
import { CACHE_KEEP, PROJECT_LABEL, currentProject, postgres, prune, redis } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';

const run = randomBytes(4).toString('hex');
const projectA = `dw-test-prune-a-${run}`;
const projectB = `dw-test-prune-b-${run}`;
const projectC = `dw-test-cache-limit-${run}`;

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  for (const project of [projectA, projectB, projectC]) await prune(docker, { project });
  await docker.close();
});

// Runs `fn` with DOCKER_WRAPPER_PROJECT set (tests of one file run one at a time).
async function inProject<T>(project: string, fn: () => Promise<T>): Promise<T> {
  process.env.DOCKER_WRAPPER_PROJECT = project;
  try {
    return await fn();
  } finally {
    delete process.env.DOCKER_WRAPPER_PROJECT;
  }
}

const ids = async (args: string[]) => (await docker.executor.raw(args)).stdout.split('\n').filter(Boolean);
const cachedImages = (project: string) => ids(['image', 'ls', '-q', '--no-trunc', '--filter', 'label=docker-wrapper.cache=postgres', '--filter', `label=${PROJECT_LABEL}=${project}`]);
const exists = async (id: string) => (await docker.executor.raw(['inspect', '--format', '{{.Id}}', id])).exitCode === 0;

describe('prune() per project', () => {
  it('removes one project\'s reused containers and cached images and leaves another\'s; all: true reaches both', async () => {
    const made: Record<string, { container: string; image: string }> = {};
    for (const project of [projectA, projectB]) {
      made[project] = await inProject(project, async () => {
        const cache = await redis({ reuse: true, args: ['--dbfilename', `dw-${run}.rdb`] }).start(docker);
        await cache.stop();
        await using db = await postgres({ initScripts: [{ sql: `CREATE TABLE t_${run} (x int);` }] }).start(docker);
        return { container: cache.container?.id as string, image: db.container?.info.imageId as string };
      });
    }
    const a = made[projectA] as { container: string; image: string };
    const b = made[projectB] as { container: string; image: string };
    // Same spec, different projects: nothing shared.
    expect(a.container).not.toBe(b.container);
    expect(a.image).not.toBe(b.image);
    expect(await cachedImages(projectA)).toEqual([a.image]);

    const everything = await prune(docker, { all: true, dryRun: true });
    expect(everything.project).toBeUndefined();
    expect(everything.containers).toEqual(expect.arrayContaining([a.container, b.container]));
    expect(everything.images).toEqual(expect.arrayContaining([a.image, b.image]));
    expect(await exists(a.container)).toBe(true);

    // The default is the project of the working directory, which has none of them.
    const here = await prune(docker, { dryRun: true });
    expect(here.project).toBe(currentProject());
    expect([...here.containers, ...here.images]).not.toEqual(expect.arrayContaining([a.container]));
    expect(here.images).not.toContain(b.image);

    const pruned = await prune(docker, { project: projectA });
    expect(pruned).toEqual({ containers: [a.container], networks: [], images: [a.image], project: projectA });
    expect(await exists(a.container)).toBe(false);
    expect(await exists(a.image)).toBe(false);
    expect(await exists(b.container)).toBe(true);
    expect(await exists(b.image)).toBe(true);

    // A reused container is found again within its project only.
    const again = await inProject(projectB, () => redis({ reuse: true, args: ['--dbfilename', `dw-${run}.rdb`] }).start(docker));
    expect(again.reused).toBe(true);
    expect(again.container?.id).toBe(b.container);
  });

  it('checks its options before any docker process starts', async () => {
    const before = docker.executor.spawned;
    await expect(prune(docker, { all: true, project: 'x' })).rejects.toThrow(/`prune.project`: "x". Give `project` or `all: true`, not both./);
    await expect(prune(docker, { dryrun: true } as never)).rejects.toThrow(/Did you mean `dryRun`\?/);
    await expect(prune(docker, { kinds: 'redis' } as never)).rejects.toThrow(/`prune.kinds`/);
    expect(docker.executor.spawned).toBe(before);
  });
});

describe('the cached-image limit', () => {
  it(`keeps the newest ${CACHE_KEEP} versions of a definition when one is committed, not one in use, nor other definitions'`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-cache-limit-'));
    const schema = join(dir, 'schema.sql');
    const version = async (n: number) => {
      await writeFile(schema, `CREATE TABLE v${n} (x int);\n`);
      return postgres({ initScripts: [schema] }).start(docker);
    };
    await inProject(projectC, async () => {
      // Another definition of the same project (inline SQL): never evicted by this one's versions.
      await (await postgres({ initScripts: [{ sql: 'CREATE TABLE other (x int);' }] }).start(docker)).stop();
      const [other] = await cachedImages(projectC);
      const inUse = await version(1);
      const tags: string[] = [inUse.container?.info.image as string];
      for (const n of [2, 3, 4]) {
        const service = await version(n);
        tags.push(service.container?.info.image as string);
        await service.stop();
      }
      // Version 1 is past the limit, but a running container uses it: docker refused, the start went on.
      expect(await exists(tags[0] as string)).toBe(true);
      expect(await cachedImages(projectC)).toHaveLength(5);
      await inUse.stop();

      const fifth = await version(5);
      tags.push(fifth.container?.info.image as string);
      await fifth.stop();
      const kept = await Promise.all(tags.map(exists));
      expect(kept).toEqual([false, false, true, true, true]);
      expect(await exists(other as string)).toBe(true);
      expect(await cachedImages(projectC)).toHaveLength(CACHE_KEEP + 1);
    });
  });
});
