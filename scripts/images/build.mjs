// Builds the stand-in images under e2e/images/<name>/ when an official image cannot be had.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { docker, fail, imageExists, run } from './docker.mjs';
import { ensureBase } from './base.mjs';
import { hashInputs } from './inputs.mjs';

const imagesDir = fileURLToPath(new URL('../../e2e/images/', import.meta.url));

// Each official repository the tests and templates use, the reference probed for it, and its folder.
export const STAND_INS = [
  { repository: 'postgres', probe: 'postgres:17', folder: 'postgres' },
  { repository: 'redis', probe: 'redis:7', folder: 'redis' },
  { repository: 'apache/kafka', probe: 'apache/kafka:3.9.1', folder: 'kafka' },
  { repository: 'python', probe: 'python:3-slim', folder: 'python' },
];

// True when the official image is present or can be pulled (then nothing is built for it).
async function officialAvailable(reference) {
  if (await imageExists(reference)) return true;
  return (await docker(['pull', '--quiet', reference], { timeoutMs: 120_000 })).exitCode === 0;
}

// Builds one stand-in (folder under `root`) unless its hash-tagged image exists; returns the tag.
export async function buildOne(standIn, base, log, root = imagesDir) {
  const dir = join(root, standIn.folder);
  const hash = await hashInputs(dir, [base]);
  const tag = `docker-wrapper-ci/${standIn.folder}:${hash}`;
  if (await imageExists(tag)) return tag;
  const started = Date.now();
  if (existsSync(join(dir, 'prepare.sh'))) {
    log(`${standIn.folder}: prepare.sh`);
    const prepared = await run('bash', ['prepare.sh'], { cwd: dir });
    if (prepared.exitCode !== 0) fail(`${standIn.folder}/prepare.sh`, prepared.output);
  }
  log(`${standIn.folder}: docker build -t ${tag}`);
  const built = await docker([
    'build', '--force-rm', '--build-arg', `BASE_IMAGE=${base}`, '--label', `docker-wrapper.ci-image=${standIn.folder}`, '-t', tag, dir,
  ]);
  if (built.exitCode !== 0) fail(`docker build of ${standIn.folder}`, built.output);
  log(`${standIn.folder}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tag;
}

// Returns the DOCKER_WRAPPER_IMAGE_MAP value: `repository=stand-in` pairs for every official image
// that is neither present nor pullable (empty where all official images can be had).
export async function ensureImages({ log = (line) => console.error(`[images] ${line}`) } = {}) {
  const info = await docker(['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000 });
  if (info.exitCode !== 0) {
    throw new Error(
      `the Docker engine is not reachable (docker info: ${info.output.trim().split('\n').pop()}). ` +
        'Start the daemon (for example `dockerd`), or point DOCKER_HOST / DOCKER_CONTEXT at one.',
    );
  }
  const missing = [];
  for (const standIn of STAND_INS) if (!(await officialAvailable(standIn.probe))) missing.push(standIn);
  if (missing.length === 0) return '';
  log(`no registry for ${missing.map((s) => s.repository).join(', ')}: using local stand-ins`);
  const base = await ensureBase(log);
  const tags = await Promise.all(missing.map((standIn) => buildOne(standIn, base, log)));
  const pairs = missing.map((standIn, i) => `${standIn.repository}=${tags[i]}`);
  pairs.push(`debian=${base}`);
  return pairs.join(',');
}
