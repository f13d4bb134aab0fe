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
  await env.stop();
} finally {
  const removed = await docker.close();
  console.log(`closed: removed ${removed.containers} container(s), ${removed.networks} network(s), ${removed.volumes} volume(s)`);
}
