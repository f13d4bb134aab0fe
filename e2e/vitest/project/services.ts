// The services of the e2e suite, shared by the config (to start them) and the tests (for types).
import { readFileSync } from 'node:fs';
import { ContainerBuilder, Wait, substituteImage, substitutionFromEnv } from '@docker-wrapper/core';
import { compose, kafka, postgres, redis, service } from '@docker-wrapper/templates';

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

// A team's own HTTP service (here a small Python server on the python stand-in), for the variant
// that adds a custom image beside the templates.
const server = readFileSync(new URL('../../../templates/test/fixtures/http-service/server.py', import.meta.url), 'utf8');
export const api = service(
  new ContainerBuilder('python:3-slim').env('MODE', 'e2e').file('/srv/server.py', { content: server }).command(['python3', '/srv/server.py']).port(8000).waitFor(Wait.forHttp('/health', 8000)),
  { kind: 'api', connection: (c) => ({ url: `http://${c.host}:${c.hostPort(8000)}` }) },
);

export const withApi = { ...services, api };

// The team's own compose file (Postgres, Redis and an app built from a Dockerfile) as one service;
// the app's base image comes in as a build argument (compose does not substitute a FROM line).
export const stack = compose(new URL('../../../templates/test/fixtures/compose/docker-compose.yml', import.meta.url).pathname, {
  env: { APP_BASE: substituteImage('python:3-slim', substitutionFromEnv(process.env)) },
});

export const withStack = { stack };
export const everything = { ...withApi, ...withStack };
