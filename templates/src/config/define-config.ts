// The shape of a docker-wrapper config file (`docker-wrapper.config.mjs` and friends), shared by
// the Jest preset and the command line, and `defineConfig()` to write one with types and checks.
import { InvalidOptionError, didYouMean, validateConnectOptions } from '@docker-wrapper/core';
import type { TemplateMap } from '../orchestrate.js';
import { validateBoolean } from '../options.js';
import type { RunOptions } from '../run/start-run.js';
import { validateTemplateMap } from '../run/validate.js';

/** A config file's default export: the services and how to run them (the options of `startRun()`). */
export interface DockerWrapperConfig<M extends TemplateMap = TemplateMap> extends Omit<RunOptions, 'signal'> {
  /** The services, by name: `{ db: postgres(), cache: redis() }`. */
  services: M;
}

export const CONFIG_KEYS = ['services', 'diagnostics', 'reuse', 'keep', 'docker'] as const;

// Checks a config (from a file or in code); option names in errors are the config's own keys.
export function validateConfig<M extends TemplateMap>(value: DockerWrapperConfig<M>): DockerWrapperConfig<M> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidOptionError('config', value, 'Expected an object like `{ services: { db: postgres() } }`.');
  }
  for (const key of Object.keys(value)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    throw new InvalidOptionError(key, (value as unknown as Record<string, unknown>)[key], `A docker-wrapper config has no such option.${didYouMean(key, CONFIG_KEYS)} Known options: ${CONFIG_KEYS.join(', ')}.`);
  }
  if (value.services === undefined) throw new InvalidOptionError('services', undefined, 'Expected the services to start, like `services: { db: postgres() }`.');
  validateTemplateMap('services', value.services);
  for (const key of ['diagnostics', 'reuse', 'keep'] as const) validateBoolean(key, value[key], false);
  if (value.docker !== undefined) validateConnectOptions(value.docker, 'docker.');
  return value;
}

/**
 * Declares a config file's services and run options, checked at once; returns the same object.
 * A plain object works too (it is checked when loaded); this one adds types and earlier errors.
 * @example
 * // docker-wrapper.config.mjs
 * import { defineConfig, postgres, redis } from '@docker-wrapper/templates';
 * export default defineConfig({ services: { db: postgres({ database: 'ledger' }), cache: redis() } });
 */
export function defineConfig<M extends TemplateMap>(config: DockerWrapperConfig<M>): DockerWrapperConfig<M> {
  return validateConfig(config);
}
