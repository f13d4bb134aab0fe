// The project a reused container, its network or a cached image belongs to, so that prune() and
// the cache limit touch only this project's: DOCKER_WRAPPER_PROJECT, else the folder of the
// nearest package.json at or above the working directory (else the working directory itself).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidOptionError } from '@docker-wrapper/core';

/** Labels what the templates leave behind with the project it belongs to. */
export const PROJECT_LABEL = 'docker-wrapper.project';
export const PROJECT_ENV = 'DOCKER_WRAPPER_PROJECT';

// A project value: one line of printable text, at most 255 characters.
export function validateProject(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255 || /\p{Cc}/u.test(value)) throw new InvalidOptionError(option, value, 'Expected a project name: one line of at most 255 characters.');
  return value;
}

// The folder of the nearest package.json at or above `cwd` (or `cwd` when there is none).
export function nearestPackageFolder(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

// The current project (read each time: tests and tools may change the variable or the folder).
export function currentProject(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const given = env[PROJECT_ENV];
  return given ? validateProject(PROJECT_ENV, given) : nearestPackageFolder(cwd);
}
