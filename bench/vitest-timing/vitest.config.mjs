// A variant's config with timeline events added (global setup begins; each test file begins, has
// its services' runtime, is collected, ends; teardown ends). BENCH_BASE picks the variant:
// `plugin` (the project's own config), `plugin-no-diagnostics` (the same with `diagnostics: false`)
// or `testcontainers` (bench/vitest-tc's). BENCH_EXTERNAL=1 makes Node load the workspace packages'
// dist itself, as it would from an npm install (Vitest externalises what is in node_modules; the
// workspace links resolve outside it, so Vite transforms them). The suite is unchanged.
import { fileURLToPath } from 'node:url';
import { dockerServices } from '@docker-wrapper/vitest';
import { mergeConfig } from 'vitest/config';
import pluginConfig from '../../e2e/vitest/project/vitest.config.ts';
import { services } from '../../e2e/vitest/project/services.ts';
import testcontainersConfig from '../vitest-tc/vitest.config.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const session = process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {};
const bases = {
  plugin: pluginConfig,
  'plugin-no-diagnostics': { plugins: [dockerServices({ services, diagnostics: false, docker: session })], test: pluginConfig.test },
  testcontainers: testcontainersConfig,
};
const base = bases[process.env.BENCH_BASE ?? 'plugin'];
const external = process.env.BENCH_EXTERNAL === '1' ? { server: { deps: { external: [/\/(packages\/[^/]+|templates)\/dist\//] } } } : {};

// Merged arrays keep the first config's items first: this global setup runs before the variant's.
export default mergeConfig({
  root: here('../../e2e/vitest/project'),
  test: { globalSetup: [here('./global-setup.mjs')], setupFiles: [here('./setup-file.mjs')], ...external },
}, base);
