// The same services in a TypeScript config (Node strips the types when Jest's setup loads it),
// for the watch e2e test: only Redis.
import { defineConfig, redis, type DockerWrapperConfig } from '@docker-wrapper/templates';

const config: DockerWrapperConfig = {
  services: { cache: redis() },
  docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {},
};

export default defineConfig(config);
