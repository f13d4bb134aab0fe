// Options of `compose(file, options)`: checked against the file when the template is made, so an
// unknown service or a wait for one fails before any container starts.
import type { WaitStrategy } from '@docker-wrapper/core';
import { InvalidOptionError, didYouMean } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateTimeout } from '../options.js';
import type { ComposeFile } from './file.js';

export type ComposeDriverName = 'v2' | 'v1';

export interface ComposeOptions {
  /** The compose services to start (with what they depend on); default: every service the active profiles enable. */
  services?: string[];
  /** How each compose service is awaited (default: its health check, else its published ports, else that it runs). */
  wait?: Record<string, WaitStrategy>;
  /** Variables for the file's `${VAR}` interpolation (on top of this process's environment and the `.env` file). */
  env?: Record<string, string>;
  /** Compose profiles to enable. */
  profiles?: string[];
  /** One budget in ms for build, create, start and every wait (default 120 000). */
  startupTimeout?: number;
  /** `v2` (`docker compose`) or `v1` (`docker-compose`); default: v2 where present, else v1 (or DOCKER_WRAPPER_COMPOSE). */
  driver?: ComposeDriverName;
}

const KNOWN = ['services', 'wait', 'env', 'profiles', 'startupTimeout', 'driver'] as const;
export const DRIVERS: readonly ComposeDriverName[] = ['v2', 'v1'];

function validateServiceName(option: string, name: unknown, file: ComposeFile): string {
  if (typeof name !== 'string' || !file.services.includes(name)) {
    throw new InvalidOptionError(option, name, `${file.path} has no such service.${typeof name === 'string' ? didYouMean(name, file.services) : ''} Its services: ${file.services.join(', ')}.`);
  }
  return name;
}

function validateNames(option: string, value: unknown, pattern: RegExp, expected: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !pattern.test(item))) throw new InvalidOptionError(option, value, expected);
  return value as string[];
}

// Checks `options` against `file` and returns them frozen (the user's object is not changed).
export function normalizeComposeOptions(options: unknown, file: ComposeFile): Readonly<ComposeOptions> {
  rejectUnknownOptions('compose', options as object, KNOWN);
  const given = options as ComposeOptions;
  if (given.services !== undefined) {
    if (!Array.isArray(given.services) || given.services.length === 0) throw new InvalidOptionError('compose.services', given.services, 'Expected a non-empty array of service names from the file.');
    given.services.forEach((name) => validateServiceName('compose.services', name, file));
  }
  if (given.wait !== undefined) {
    if (given.wait === null || typeof given.wait !== 'object' || Array.isArray(given.wait)) throw new InvalidOptionError('compose.wait', given.wait, 'Expected a map from service name to a wait strategy, like `{ db: Wait.forHealthy() }`.');
    for (const [name, strategy] of Object.entries(given.wait)) {
      validateServiceName(`compose.wait.${name}`, name, file);
      if (typeof (strategy as WaitStrategy | null)?.wait !== 'function') throw new InvalidOptionError(`compose.wait.${name}`, strategy, 'Expected a wait strategy from `Wait` (@docker-wrapper/core).');
    }
  }
  if (given.env !== undefined) {
    if (given.env === null || typeof given.env !== 'object' || Array.isArray(given.env)) throw new InvalidOptionError('compose.env', given.env, 'Expected a map of variable names to strings.');
    for (const [key, value] of Object.entries(given.env)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || typeof value !== 'string') throw new InvalidOptionError(`compose.env.${key}`, value, 'Expected a variable name (letters, digits, `_`) with a string value.');
    }
  }
  validateNames('compose.profiles', given.profiles, /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Expected an array of profile names.');
  validateTimeout('compose.startupTimeout', given.startupTimeout);
  if (given.driver !== undefined && !DRIVERS.includes(given.driver)) throw new InvalidOptionError('compose.driver', given.driver, 'Expected `v2` (docker compose) or `v1` (docker-compose).');
  return Object.freeze({ ...given });
}
