// The e2e project's config: the plugin starts Postgres, Redis and Kafka once for the run.
// Variants for the outer e2e test come from E2E_* variables.
import { defineConfig } from 'vitest/config';
import { dockerServices } from '@docker-wrapper/vitest';
import { services, withApi, withStack } from './services.js';

const include = ['tests/**/*.spec.ts'];
if (process.env.E2E_FAILING === '1') include.push('failing/**/*.spec.ts');
if (process.env.E2E_SLOW === '1') include.push('slow/**/*.spec.ts');
const custom = process.env.E2E_VARIANT === 'custom';
if (custom) include.splice(0, include.length, 'custom/**/*.spec.ts');
const composed = process.env.E2E_VARIANT === 'compose';
if (composed) include.splice(0, include.length, 'compose/**/*.spec.ts', ...(process.env.E2E_SLOW === '1' ? ['slow/**/*.spec.ts'] : []));

const options = {
  services: custom ? withApi : composed ? withStack : services,
  docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {},
  ...(process.env.E2E_VARIANT === 'bad-option' ? { diagnostic: true } : {}),
};

export default defineConfig({
  plugins: [dockerServices(options)],
  test: {
    include,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
  },
});
