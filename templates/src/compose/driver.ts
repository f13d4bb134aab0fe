// Which compose runs a stack: the `docker compose` plugin (v2) where present, else the standalone
// `docker-compose` (v1). Both take the same arguments for what a session needs.
import { execFile } from 'node:child_process';
import { DockerWrapperError, InvalidOptionError, type Docker } from '@docker-wrapper/core';
import { DRIVERS, type ComposeDriverName } from './options.js';

export const COMPOSE_DRIVER_ENV = 'DOCKER_WRAPPER_COMPOSE';

export interface ComposeDriver {
  name: ComposeDriverName;
  /** The program and the arguments that come before compose's own. */
  command: string;
  prefix: string[];
  /** The environment compose runs with (the docker client's, for DOCKER_HOST and contexts). */
  env: Record<string, string | undefined>;
}

export interface ComposeResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// Runs compose without a shell; never rejects on a non-zero exit (the caller reads `exitCode`).
export function runCompose(driver: ComposeDriver, args: readonly string[], options: { env?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<ComposeResult> {
  return new Promise((resolve, reject) => {
    execFile(driver.command, [...driver.prefix, ...args], {
      env: { ...driver.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: options.timeoutMs ?? 0,
      ...(options.signal ? { signal: options.signal } : {}),
      windowsHide: true,
    }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (error && typeof code !== 'number') {
        if ((error as { killed?: boolean }).killed || error.name === 'AbortError') {
          resolve({ exitCode: -1, stdout: String(stdout), stderr: `${String(stderr)}\n(compose was stopped: ${options.signal?.aborted ? 'aborted' : 'timed out'})` });
          return;
        }
        reject(error);
        return;
      }
      resolve({ exitCode: typeof code === 'number' ? code : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function candidates(docker: Docker): Record<ComposeDriverName, ComposeDriver> {
  const env = docker.executor.env;
  return {
    v2: { name: 'v2', command: docker.executor.binary, prefix: ['compose'], env },
    v1: { name: 'v1', command: 'docker-compose', prefix: [], env },
  };
}

async function answers(driver: ComposeDriver): Promise<boolean> {
  try {
    return (await runCompose(driver, ['version'], { timeoutMs: 30_000 })).exitCode === 0;
  } catch {
    return false;
  }
}

// What each driver answered, per session: its binary and environment do not change, so later
// starts in the session ask no `version` again.
const answered = new WeakMap<Docker, Map<ComposeDriverName, Promise<boolean>>>();

function answersFor(docker: Docker, driver: ComposeDriver): Promise<boolean> {
  let known = answered.get(docker);
  if (!known) answered.set(docker, (known = new Map()));
  let answer = known.get(driver.name);
  if (!answer) known.set(driver.name, (answer = answers(driver)));
  return answer;
}

// The driver to use: the one asked for (option, else DOCKER_WRAPPER_COMPOSE), else v2 if it
// answers, else v1. Throws MISSING_DEPENDENCY when none does.
export async function findDriver(docker: Docker, wanted: ComposeDriverName | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ComposeDriver> {
  const fromEnv = env[COMPOSE_DRIVER_ENV];
  if (wanted === undefined && fromEnv !== undefined && fromEnv !== '' && !DRIVERS.includes(fromEnv as ComposeDriverName)) {
    throw new InvalidOptionError(COMPOSE_DRIVER_ENV, fromEnv, 'Expected `v2` (docker compose) or `v1` (docker-compose).');
  }
  const choice = wanted ?? ((fromEnv || undefined) as ComposeDriverName | undefined);
  const all = candidates(docker);
  const order = choice ? [all[choice]] : [all.v2, all.v1];
  for (const driver of order) if (await answersFor(docker, driver)) return driver;
  const tried = order.map((d) => `\`${[d.command, ...d.prefix].join(' ')}\``).join(' or ');
  throw new DockerWrapperError('MISSING_DEPENDENCY', `compose(): ${tried} does not answer \`version\`. Install the compose plugin (docker compose) or Debian's \`docker-compose\`.`);
}
