// Two projects that each list the plugin with the same services: one run serves both.
import { defineConfig } from 'vitest/config';
import { dockerServices } from '@docker-wrapper/vitest';
import { services } from './services.js';

const plugin = () => dockerServices({ services, docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {} });

export default defineConfig({
  test: {
    projects: [
      { plugins: [plugin()], test: { name: 'first', include: ['tests/users.spec.ts'] } },
      { plugins: [plugin()], test: { name: 'second', include: ['tests/users.spec.ts'] } },
    ],
  },
});
