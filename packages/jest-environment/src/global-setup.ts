// Jest global setup (named by the preset): reads the config file, starts its services once for
// the run (a watch re-run reuses them) and hands their plain handle to the workers through
// DOCKER_WRAPPER_RUN. A service that cannot start fails the run here, before any test.
import type { Config } from '@jest/types';
import { RUN_HANDLE_ENV, loadConfig, startRun } from '@docker-wrapper/templates';
import { acquireRun } from './current-run.js';
import { OPTIONS_PATH, readJestOptions } from './options.js';

/**
 * Starts the services of the project's docker-wrapper config; Jest calls it with the project's
 * config. Name it yourself as `globalSetup: '@docker-wrapper/jest/global-setup'` instead of the preset.
 */
export default async function globalSetup(_globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  const options = readJestOptions(projectConfig.testEnvironmentOptions);
  const { file, config } = await loadConfig({ cwd: projectConfig.rootDir, option: `${OPTIONS_PATH}.config`, ...(options.config !== undefined ? { file: options.config } : {}) });
  const { services, ...runOptions } = config;
  const run = await acquireRun(file, () => startRun(services, runOptions));
  process.env[RUN_HANDLE_ENV] = JSON.stringify(run.handle);
}
