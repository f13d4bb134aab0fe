// The fault project's config: the plugin starts a Redis and a memory-capped Redis once for the run;
// its specs break a service under a running test (the outer test reads the output), or, with
// E2E_SLOW=1, keep the run busy to be killed.
import { defineConfig } from 'vitest/config';
import { dockerServices } from '@docker-wrapper/vitest';
import { services } from './services.js';

export default defineConfig({
  plugins: [dockerServices({ services, docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {} })],
  test: {
    include: [process.env.E2E_SLOW === '1' ? 'slow/**/*.spec.ts' : 'faults/**/*.spec.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    // A paused service answers nothing: its test ends by this timeout.
    testTimeout: process.env.E2E_SLOW === '1' ? 120_000 : 10_000,
  },
});
