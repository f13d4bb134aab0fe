// The plugin's options: checked when the config loads, before any docker process starts.
import { InvalidOptionError, didYouMean, validateConnectOptions, type ConnectOptions } from '@docker-wrapper/core';
import { validateTemplateMap, type TemplateMap } from '@docker-wrapper/templates';

export interface DockerServicesOptions<M extends TemplateMap = TemplateMap> {
  /** The services, by name: `{ db: postgres(), cache: redis() }`. */
  services: M;
  /** Diagnostics of the services printed with each failed test (default true). */
  diagnostics?: boolean;
  /** Reuse running containers with the same spec across runs (default: each template's own). */
  reuse?: boolean;
  /** Keep the containers when Vitest exits (default: DOCKER_WRAPPER_KEEP=1). */
  keep?: boolean;
  /** How to reach the engine (host, context, image map, ...). */
  docker?: ConnectOptions;
}

const KNOWN = ['services', 'diagnostics', 'reuse', 'keep', 'docker'] as const;

// Refuses unknown keys (with a "did you mean") and values of the wrong kind, naming the option.
export function normalizeOptions<M extends TemplateMap>(options: DockerServicesOptions<M>): DockerServicesOptions<M> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError('dockerServices() options', options, 'Expected an object like `{ services: { db: postgres() } }`.');
  }
  for (const key of Object.keys(options)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new InvalidOptionError(`dockerServices.${key}`, (options as unknown as Record<string, unknown>)[key], `dockerServices() has no such option.${didYouMean(key, KNOWN)} Known options: ${KNOWN.join(', ')}.`);
    }
  }
  validateTemplateMap('dockerServices.services', options.services);
  for (const key of ['diagnostics', 'reuse', 'keep'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') throw new InvalidOptionError(`dockerServices.${key}`, options[key], 'Expected true or false.');
  }
  if (options.docker !== undefined) validateConnectOptions(options.docker, 'dockerServices.docker.');
  return options;
}
