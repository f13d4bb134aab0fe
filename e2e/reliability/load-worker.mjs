// One process of the load test: starts three Redis services in its own session, prints their
// container names and host ports as one JSON line, stops them and ends.
import { Docker } from '@docker-wrapper/core';
import { redis, startServices } from '@docker-wrapper/templates';

const docker = await Docker.connect({ sessionId: process.argv[2] });
try {
  const environment = await startServices(docker, { a: redis(), b: redis(), c: redis() });
  const started = Object.values(environment.services).map((service) => ({ name: service.container.name, port: service.container.hostPort(6379) }));
  await environment.stop();
  console.log(JSON.stringify(started));
} finally {
  await docker.close();
}
