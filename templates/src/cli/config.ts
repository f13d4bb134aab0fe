// The config file as the command line reads it (`--config <file>` or the nearest one from the
// working directory up), and the services a command names from it, checked before docker runs.
import { didYouMean } from '@docker-wrapper/core';
import type { DockerWrapperConfig } from '../config/define-config.js';
import { loadConfig } from '../config/load-config.js';
import type { TemplateMap } from '../orchestrate.js';
import { UsageError } from './exit-codes.js';

export interface CliConfig {
  file: string;
  config: DockerWrapperConfig;
}

// Loads the config file named by `--config`, or the nearest one; errors name the file and option.
export async function readConfig(file: string | undefined, cwd: string = process.cwd()): Promise<CliConfig> {
  return loadConfig({ cwd, option: '--config', ...(file !== undefined ? { file } : {}) });
}

// The services named on the command line (all of them when none is named), in config order.
export function selectServices(services: TemplateMap, names: readonly string[], file: string): TemplateMap {
  if (names.length === 0) return services;
  const known = Object.keys(services);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`No service ${JSON.stringify(name)} in ${file}.${didYouMean(name, known)} Services: ${known.join(', ')}.`);
  }
  return Object.fromEntries(known.filter((name) => names.includes(name)).map((name) => [name, services[name]])) as TemplateMap;
}
