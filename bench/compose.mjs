// Start-up of a compose stack (the compose() tests' file: Postgres and Redis with 1 s health
// checks, plus an app built from a Dockerfile) against the same services as templates, interleaved
// in one run. `node scripts/with-images.mjs node bench/compose.mjs [rounds]` (after `npm run build`).
// Times are start() until every service is ready; stop() is timed apart.
import { fileURLToPath } from 'node:url';
import { Docker } from '../packages/core/dist/index.js';
import { compose, postgres, redis, startServices } from '../templates/dist/index.js';
import { report, resolveImage, time } from './support.mjs';

const rounds = Number(process.argv[2] ?? 3);
const file = fileURLToPath(new URL('../templates/test/fixtures/compose/docker-compose.yml', import.meta.url));
const env = { APP_BASE: resolveImage('python:3-slim') };
const session = await Docker.connect();

const variants = {
  'templates: postgres({ cache: false }) + redis()': () => startServices(session, { db: postgres({ cache: false }), cache: redis() }),
  'templates: postgres() (image cache) + redis()': () => startServices(session, { db: postgres(), cache: redis() }),
  'compose v2: db + cache': () => startServices(session, { stack: compose(file, { services: ['db', 'cache'], driver: 'v2' }) }),
  'compose v1: db + cache': () => startServices(session, { stack: compose(file, { services: ['db', 'cache'], driver: 'v1' }) }),
  'compose v2: db + cache + built app': () => startServices(session, { stack: compose(file, { env, driver: 'v2' }) }),
  'compose v1: db + cache + built app': () => startServices(session, { stack: compose(file, { env, driver: 'v1' }) }),
};

const starts = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const stops = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const { ms, value: environment } = await time(run);
    starts[name].push(ms);
    stops[name].push((await time(() => environment.stop())).ms);
  }
  console.log(`round ${round + 1}/${rounds} done`);
}
report('start(): compose stack vs the same services as templates', starts, 'templates: postgres({ cache: false }) + redis()');
report('stop()', stops, 'templates: postgres({ cache: false }) + redis()');
await session.close();
