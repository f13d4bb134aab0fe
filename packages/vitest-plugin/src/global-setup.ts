// Vitest global setup (added by the plugin): starts the run once for every project naming the
// same services, provides its plain handle to the tests, and stops it after the last project.
import { startRun, type RunOptions, type TemplateMap } from '@docker-wrapper/templates';
import type { TestProject } from 'vitest/node';
import { PLUGIN_NAME, type DockerServicesApi } from './plugin.js';
import { PROVIDE_KEY } from './provide-key.js';
import { acquireRun } from './shared-runs.js';

function pluginApi(project: TestProject): DockerServicesApi {
  const plugin = project.vite.config.plugins.find((p) => p.name === PLUGIN_NAME) as { api?: DockerServicesApi } | undefined;
  if (!plugin?.api) throw new Error(`@docker-wrapper/vitest/global-setup runs only through the dockerServices() plugin; project ${JSON.stringify(project.name)} has no such plugin in its config.`);
  return plugin.api;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { options, key } = pluginApi(project);
  const runOptions: RunOptions = { diagnostics: options.diagnostics ?? true };
  if (options.reuse !== undefined) runOptions.reuse = options.reuse;
  if (options.keep !== undefined) runOptions.keep = options.keep;
  if (options.docker !== undefined) runOptions.docker = options.docker;
  const { run, release } = await acquireRun(key, () => startRun(options.services as TemplateMap, runOptions));
  project.provide(PROVIDE_KEY, run.handle);
  return release;
}
