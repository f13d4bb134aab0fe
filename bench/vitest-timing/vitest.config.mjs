// A variant's config (BENCH_BASE: `plugin` for the project's own, `testcontainers` for
// bench/vitest-tc's) with timeline events added: global setup begins, each test file begins and
// ends, teardown ends. The suite and the variant's services are unchanged.
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import pluginConfig from '../../e2e/vitest/project/vitest.config.ts';
import testcontainersConfig from '../vitest-tc/vitest.config.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const base = process.env.BENCH_BASE === 'testcontainers' ? testcontainersConfig : pluginConfig;

// Merged arrays keep the first config's items first: this global setup runs before the variant's.
export default mergeConfig({
  root: here('../../e2e/vitest/project'),
  test: {
    globalSetup: [here('./global-setup.mjs')],
    setupFiles: [here('./setup-file.mjs')],
    // BENCH_EXTERNAL=1: the workspace packages' dist loaded by Node as from an npm install (in
    // node_modules, Vitest externalises them; linked by the workspace they are transformed).
    ...(process.env.BENCH_EXTERNAL === '1' ? { server: { deps: { external: [/\/(packages\/[^/]+|templates)\/dist\//] } } } : {}),
  },
}, base);
