// The Jest preset: `preset: '@docker-wrapper/jest'` starts the services of the docker-wrapper
// config once per run (global setup), gives failed tests their diagnostics (test environment)
// and stops the services after the run (global teardown).
import { fileURLToPath } from 'node:url';

const file = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  globalSetup: file('./dist/global-setup.js'),
  globalTeardown: file('./dist/global-teardown.js'),
  testEnvironment: file('./dist/environment.cjs'),
};
