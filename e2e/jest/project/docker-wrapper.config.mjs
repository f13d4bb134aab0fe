// The e2e suite's services, read by the Jest preset's global setup. E2E_* variables pick variants
// for the outer e2e test.
import { defineConfig, kafka, postgres, redis } from '@docker-wrapper/templates';

const broken = process.env.E2E_VARIANT === 'broken';

export default defineConfig({
  services: {
    db: postgres({
      initScripts: [new URL('../../app/schema.sql', import.meta.url)],
      // A server that cannot start: the run must fail before any test, with the server's error.
      ...(broken ? { settings: { shared_buffers: 'lots' } } : {}),
    }),
    cache: redis(),
    bus: kafka({ topics: ['user-events'] }),
  },
  docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {},
});
