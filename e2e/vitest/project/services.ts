// The services of the e2e suite, shared by the config (to start them) and the tests (for types).
import { kafka, postgres, redis } from '@docker-wrapper/templates';

const broken = process.env.E2E_VARIANT === 'broken';

export const services = {
  db: postgres({
    initScripts: [new URL('../../app/schema.sql', import.meta.url).pathname],
    // A server that cannot start: the run must fail before any test, with the server's error.
    ...(broken ? { settings: { shared_buffers: 'lots' } } : {}),
  }),
  cache: redis(),
  bus: kafka({ topics: ['user-events'] }),
};
