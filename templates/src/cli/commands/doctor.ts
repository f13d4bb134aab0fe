// `docker-wrapper doctor`: what the command line, the engine and the config need, each problem
// with its fix; a non-zero exit code on a problem (3 when the engine cannot be reached).
import { statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatBytes, substitutionFromEnv, type Docker } from '@docker-wrapper/core';
import { findConfigFile } from '../../config/find-config.js';
import { bridgeCheck, readAssignType } from '../bridge-check.js';
import { readConfig, type CliConfig } from '../config.js';
import { connectForQueries } from '../engine.js';
import { EXIT, exitCodeOf } from '../exit-codes.js';
import { imageOf } from '../image-of.js';
import { findLeftovers } from '../leftovers.js';
import type { Output } from '../output.js';

export interface DoctorOptions {
  config?: string;
  json?: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about a problem. */
  fix?: string;
}

/** Under this much free space on the engine's data root, doctor reports a problem. */
export const LOW_DISK_BYTES = 2_000_000_000;
/** The time the engine has to answer. */
export const DOCTOR_CONNECT_MS = 4000;

const version = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

async function configCheck(file: string | undefined, checks: Check[]): Promise<CliConfig | undefined> {
  if (file === undefined && !findConfigFile(process.cwd()).file) {
    checks.push({ name: 'config', ok: true, detail: `no docker-wrapper.config.* in ${process.cwd()} or above (image checks skipped)` });
    return undefined;
  }
  try {
    const loaded = await readConfig(file);
    checks.push({ name: 'config', ok: true, detail: `${loaded.file}: ${Object.keys(loaded.config.services).join(', ')}` });
    return loaded;
  } catch (error) {
    checks.push({ name: 'config', ok: false, detail: (error as Error).message, fix: 'Fix the file or the option it names.' });
    return undefined;
  }
}

async function engineChecks(docker: Docker, config: CliConfig | undefined, checks: Check[]): Promise<void> {
  const { engine } = docker;
  checks.push({ name: 'engine', ok: true, detail: `docker ${engine.serverVersion} (API ${engine.apiVersion}, ${engine.os}/${engine.arch}) at ${engine.endpoint}${engine.remote ? ' (remote)' : ''}` });
  checks.push({ name: 'context', ok: true, detail: `${endpointSource(config?.config.docker ?? {})}: ${engine.endpoint}` });
  const substitution = substitutionFromEnv(process.env, config?.config.docker?.imageMap, config?.config.docker?.registryPrefix);
  const pairs = [...substitution.map].map(([from, to]) => `${from} -> ${to}`);
  checks.push({ name: 'image substitution', ok: true, detail: pairs.length === 0 && !substitution.registryPrefix ? 'none (images come from Docker Hub)' : [...pairs, ...(substitution.registryPrefix ? [`registry prefix ${substitution.registryPrefix}`] : [])].join(', ') });
  // The images are checked in parallel, reported in the config's order.
  const images = await Promise.all(Object.entries(config?.config.services ?? {}).map(([name, template]) => imageCheck(docker, name, imageOf(template))));
  for (const check of images) if (check) checks.push(check);
  const root = await docker.executor.raw(['info', '--format', '{{.DockerRootDir}}'], { timeoutMs: 5000 });
  const dir = root.stdout.trim();
  const free = !engine.remote && dir ? freeBytes(dir) : undefined;
  if (free === undefined) checks.push({ name: 'disk', ok: true, detail: `free space of the engine's data root${dir ? ` (${dir})` : ''} unknown${engine.remote ? ' (remote engine)' : ''}` });
  else checks.push({ name: 'disk', ok: free >= LOW_DISK_BYTES, detail: `${formatBytes(free)} free in ${dir}`, ...(free < LOW_DISK_BYTES ? { fix: 'Free space: docker-wrapper prune --all, docker image prune.' } : {}) });
  if (!engine.remote && process.platform === 'linux') {
    const named = await docker.executor.raw(['network', 'inspect', 'bridge', '--format', '{{index .Options "com.docker.network.bridge.name"}}'], { timeoutMs: 5000 });
    const name = named.exitCode === 0 ? named.stdout.trim() : '';
    const check = name ? bridgeCheck(name, readAssignType(name)) : undefined;
    if (check) checks.push(check);
  }
  const { leaked, kept } = await findLeftovers(docker);
  checks.push({ name: 'leftovers', ok: leaked.length === 0, detail: `${leaked.length} leaked session(s), ${kept.containers.length} reused container(s), ${kept.images.length} cached image(s) of this project`, ...(leaked.length > 0 ? { fix: 'docker-wrapper prune (add --dry-run to see what first)' } : {}) });
}

// Where the endpoint that connect used comes from (no second `docker context show`).
function endpointSource(options: { host?: string; context?: string }): string {
  if (options.host) return 'docker.host of the config';
  if (options.context) return `docker context ${options.context} (docker.context of the config)`;
  if (process.env.DOCKER_HOST) return 'DOCKER_HOST';
  if (process.env.DOCKER_CONTEXT) return `docker context ${process.env.DOCKER_CONTEXT} (DOCKER_CONTEXT)`;
  return 'the current docker context';
}

// Whether the image a service needs is present or pullable (undefined: a template without a known image).
async function imageCheck(docker: Docker, name: string, reference: string | undefined): Promise<Check | undefined> {
  if (!reference) return undefined;
  const resolved = docker.images.resolve(reference);
  if (await docker.images.exists(reference)) return { name: `image of ${name}`, ok: true, detail: `${resolved} present` };
  const manifest = await docker.executor.raw(['manifest', 'inspect', resolved], { timeoutMs: 10_000 }).catch(() => undefined);
  return manifest?.exitCode === 0
    ? { name: `image of ${name}`, ok: true, detail: `${resolved} not present, pullable (pulled on first start)` }
    : { name: `image of ${name}`, ok: false, detail: `${resolved} neither present nor pullable`, fix: `docker pull ${resolved} where a registry is reachable (or docker load it), or map it to an image you have: DOCKER_WRAPPER_IMAGE_MAP='${reference}=<your image>' or DOCKER_WRAPPER_REGISTRY_PREFIX=<mirror>/` };
}

function freeBytes(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return undefined;
  }
}

// Runs every check and prints them; exit code 0, 1 on a problem, 3 when the engine is unreachable.
export async function doctor(options: DoctorOptions, output: Output): Promise<number> {
  const checks: Check[] = [{ name: 'cli', ok: true, detail: `docker-wrapper ${version}, Node.js ${process.version}` }];
  const config = await configCheck(options.config, checks);
  let unreachable = false;
  try {
    const docker = await connectForQueries(config?.config.docker ?? {}, { connectTimeoutMs: DOCTOR_CONNECT_MS });
    try {
      await engineChecks(docker, config, checks);
    } finally {
      await docker.close();
    }
  } catch (error) {
    unreachable = exitCodeOf(error) === EXIT.unreachable;
    checks.push({ name: 'engine', ok: false, detail: error instanceof Error ? error.message : String(error), fix: unreachable ? 'Start the docker engine (or Docker Desktop), or point DOCKER_HOST / DOCKER_CONTEXT at one that runs; `docker version` must answer.' : 'See the message above.' });
  }
  const problems = checks.filter((check) => !check.ok);
  if (options.json) output.json({ ok: problems.length === 0, checks });
  else {
    const { green, red } = output.colors;
    for (const check of checks) {
      output.info(`${check.ok ? green('ok     ') : red('problem')} ${check.name}: ${check.detail}`);
      if (check.fix) output.info(`        fix: ${check.fix}`);
    }
    output.info(problems.length === 0 ? '\nNo problem found.' : `\n${problems.length} problem(s) found.`);
  }
  if (unreachable) return EXIT.unreachable;
  return problems.length === 0 ? EXIT.ok : EXIT.failure;
}
