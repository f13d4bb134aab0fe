// `npm run demo`: starts Postgres and Redis side by side, uses them, shows what the engine saw,
// and tears everything down.
import { Docker } from '../packages/core/dist/index.js';
import { postgres, redis, startServices } from '../templates/dist/index.js';

const mask = (connection) => JSON.stringify({ ...connection, password: '***', url: connection.url.replace(/:[^:@/]+@/, ':***@') });

const docker = await Docker.connect();
console.log(`engine ${docker.engine.serverVersion} (API ${docker.engine.apiVersion}) at ${docker.engine.endpoint}, session ${docker.sessionId}`);
try {
  const started = performance.now();
  const env = await startServices(docker, {
    db: postgres({ database: 'shop', initScripts: [{ sql: "CREATE TABLE orders (id serial, item text); INSERT INTO orders (item) VALUES ('coffee'), ('tea');" }] }),
    cache: redis(),
  });
  console.log(`postgres and redis ready in ${(performance.now() - started).toFixed(0)} ms`);
  console.log(`db:    ${mask(env.connections.db)}`);
  console.log(`cache: ${mask(env.connections.cache)}`);
  console.log(`orders: ${(await env.services.db.sql('SELECT string_agg(item, \', \' ORDER BY id) FROM orders;')).trim()}`);
  const worker = await env.isolate('worker-1');
  console.log(`worker-1 gets database ${worker.db.database} and redis db ${worker.cache.database}`);
  await env.services.cache.command(['SET', 'greeting', 'hello']);
  console.log(`redis says: ${(await env.services.cache.command(['GET', 'greeting']))[0]}`);
  const stopping = performance.now();
  const stopped = Object.entries(env.services).map(([name, service]) => `${name} (${service.kind}, container ${service.container?.name})`);
  await env.stop();
  console.log(`stopped and removed ${stopped.join(' and ')} in ${(performance.now() - stopping).toFixed(0)} ms`);
} finally {
  // What close() finds is only what the steps above left behind (e.g. after a failure).
  const left = await docker.close();
  const count = left.containers + left.networks + left.volumes;
  console.log(count === 0
    ? `closed session ${docker.sessionId}: nothing of it was left to remove`
    : `closed session ${docker.sessionId}: removed what was left, ${left.containers} container(s), ${left.networks} network(s), ${left.volumes} volume(s)`);
}
