// The e2e suite's services, written once: the config names this module as its global setup (its
// default export starts them), and fixtures.ts hands the same map to withServices().
// Variants for the outer e2e test come from E2E_* variables.
import { servicesSetup } from '@docker-wrapper/playwright';
import { postgres, redis } from '@docker-wrapper/templates';

export const services = {
  db: postgres({
    initScripts: [new URL('../../app/schema.sql', import.meta.url)],
    // A server that cannot start: the run must fail before any test, with the server's error.
    ...(process.env.E2E_VARIANT === 'broken' ? { settings: { shared_buffers: 'lots' } } : {}),
  }),
  cache: redis(),
};

export default servicesSetup(services, {
  mode: process.env.E2E_MODE === 'per-worker' ? 'per-worker' : 'shared',
  docker: process.env.E2E_SESSION ? { sessionId: process.env.E2E_SESSION } : {},
});
