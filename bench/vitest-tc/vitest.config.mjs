// The e2e suite (e2e/vitest/project, its test files unchanged) over services started with
// testcontainers-node instead of the plugin: the same include and pool settings as the project's
// config, a global setup that starts the services, and the runtime replaced by a hand-written one.
// `vitest run --config ../../../bench/vitest-tc/vitest.config.mjs` from the project folder.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('../../e2e/vitest/project'),
  resolve: { alias: [{ find: /^@docker-wrapper\/vitest\/runtime$/, replacement: here('./runtime.mjs') }] },
  test: {
    include: ['tests/**/*.spec.ts'],
    globalSetup: [here('./global-setup.mjs')],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
  },
});
