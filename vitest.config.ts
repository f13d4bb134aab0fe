import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import the workspace packages from source, so `npm test` needs no build between edits.
const alias = {
  '@docker-wrapper/core': src('./packages/core/src/index.ts'),
  '@docker-wrapper/templates/worker': src('./templates/src/run/worker.ts'),
  '@docker-wrapper/templates': src('./templates/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/test/unit/**/*.test.ts', 'templates/test/unit/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: [
            'packages/*/test/integration/**/*.test.ts',
            'templates/test/integration/**/*.test.ts',
            'test/bad-input/**/*.test.ts',
            'e2e/**/*.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two cores: containers and their test processes share them.
          maxWorkers: 2,
        },
      },
      {
        // The core's contract again over the other transport (the default is the Engine API over
        // dial-stdio), so neither rots.
        resolve: { alias },
        test: {
          name: 'integration-cli',
          include: ['packages/core/test/integration/**/*.test.ts'],
          env: { DOCKER_WRAPPER_TRANSPORT: 'cli' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
