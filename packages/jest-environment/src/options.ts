// The preset's own options, under `testEnvironmentOptions.dockerWrapper` in the Jest config;
// checked in the global setup before any docker process starts. The services and how to run them
// live in the config file (the one the command line reads too).
import { InvalidOptionError, closestName, didYouMean } from '@docker-wrapper/core';

/** `testEnvironmentOptions: { dockerWrapper: { config: './docker-wrapper.config.mjs' } }` */
export interface JestDockerWrapperOptions {
  /** The config file, relative to Jest's `rootDir`; by default the nearest docker-wrapper.config.* from there up. */
  config?: string;
}

export const OPTIONS_PATH = 'testEnvironmentOptions.dockerWrapper';
const KNOWN = ['config'] as const;

// Reads and checks the options from a project's `testEnvironmentOptions` (which other
// environments share: only a near miss of `dockerWrapper` itself is refused there).
export function readJestOptions(testEnvironmentOptions: Record<string, unknown> | undefined): JestDockerWrapperOptions {
  const all = testEnvironmentOptions ?? {};
  for (const key of Object.keys(all)) {
    if (key !== 'dockerWrapper' && closestName(key, ['dockerWrapper'])) {
      throw new InvalidOptionError(`testEnvironmentOptions.${key}`, all[key], 'Did you mean `dockerWrapper`? The docker-wrapper options go under `testEnvironmentOptions.dockerWrapper`.');
    }
  }
  const options = all.dockerWrapper;
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError(OPTIONS_PATH, options, 'Expected an object like `{ config: "./docker-wrapper.config.mjs" }`.');
  }
  for (const key of Object.keys(options)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new InvalidOptionError(`${OPTIONS_PATH}.${key}`, (options as Record<string, unknown>)[key], `The Jest preset has no such option.${didYouMean(key, KNOWN)} Known options: ${KNOWN.join(', ')} (the services go in the config file).`);
    }
  }
  const { config } = options as { config?: unknown };
  if (config !== undefined && (typeof config !== 'string' || config === '')) {
    throw new InvalidOptionError(`${OPTIONS_PATH}.config`, config, 'Expected the path of a docker-wrapper config file, like "./docker-wrapper.config.mjs".');
  }
  return config === undefined ? {} : { config };
}
