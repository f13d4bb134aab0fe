// Jest global teardown (named by the preset): stops the services after the run. In watch mode
// Jest calls it after every cycle, so there it does nothing: the services stop when Jest exits
// (SIGINT and SIGTERM close the session; any other end is caught by the session's reaper).
import type { Config } from '@jest/types';
import { RUN_HANDLE_ENV } from '@docker-wrapper/templates';
import { releaseRun } from './current-run.js';

/** Stops the services the global setup started; name it as `globalTeardown: '@docker-wrapper/jest/global-teardown'`. */
export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  if (globalConfig.watch || globalConfig.watchAll) return;
  delete process.env[RUN_HANDLE_ENV];
  await releaseRun();
}
