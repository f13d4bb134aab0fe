// Start-up of the Postgres and Redis templates against their raw limits and testcontainers-node,
// measured interleaved in one run. `node scripts/with-images.mjs node bench/templates.mjs [rounds]`
// (after `npm run build`). Reports medians and ratios.
import pg from 'pg';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { ContainerBuilder, Docker, Wait } from '../packages/core/dist/index.js';
import { postgres, redis } from '../templates/dist/index.js';
import { rawPostgresReady, rawRedisReady, warmPostgresCache } from './raw.mjs';
import { report, resolveImage, time } from './support.mjs';

process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
const rounds = Number(process.argv[2] ?? 7);
const pgImage = resolveImage('postgres:17');
const redisImage = resolveImage('redis:7');
const READY = 'database system is ready to accept connections';

async function selectOne(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}

const session = await Docker.connect();
// Warm the initialised-image cache once (not timed); its image is the raw cached limit's.
const cachedTag = await warmPostgresCache(session);

const variants = {
  'pg raw: docker run + pg_isready/20ms (fresh)': async () => (await rawPostgresReady(pgImage, ['-e', 'POSTGRES_PASSWORD=pw'])).cleanup,
  'pg core run() + Wait.forLog x2, then SELECT 1': async () => {
    const c = await new ContainerBuilder('postgres:17').env('POSTGRES_PASSWORD', 'pw').port(5432).waitFor(Wait.forLog(READY, { times: 2 })).run(session);
    await selectOne(`postgres://postgres:pw@127.0.0.1:${c.hostPort(5432)}/postgres`);
    return () => c.remove();
  },
  // Template times are start() alone: its readiness already includes a query over TCP. The
  // SELECT 1 from the host afterwards only checks the connection (untimed, in the cleanup).
  'pg template start(), cache off': async () => {
    const s = await postgres({ cache: false }).start(session);
    return async () => { await selectOne(s.connection.url); await s.stop(); };
  },
  'pg testcontainers 12 start(), then SELECT 1': async () => {
    const c = await new PostgreSqlContainer(pgImage).start();
    await selectOne(c.getConnectionUri());
    return () => c.stop();
  },
  'pg raw: docker run cached image + pg_isready': async () => (await rawPostgresReady(cachedTag)).cleanup,
  'pg template start() from cache': async () => {
    const s = await postgres().start(session);
    return async () => { await selectOne(s.connection.url); await s.stop(); };
  },
  'redis raw: docker run + docker port + PING': async () => (await rawRedisReady(redisImage)).cleanup,
  'redis template start() (ready = PING from host)': async () => {
    const s = await redis().start(session);
    return () => s.stop();
  },
  'redis testcontainers 12 start()': async () => {
    const c = await new RedisContainer(redisImage).start();
    return () => c.stop();
  },
};

const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    if (process.env.BENCH_VERBOSE) console.log(`  ${name}`);
    const { ms, value: cleanup } = await time(run);
    results[name].push(ms);
    await cleanup();
  }
  console.log(`round ${round + 1}/${rounds} done`);
}

const pick = (...names) => Object.fromEntries(names.map((n) => [n, results[n]]));
report('Postgres, fresh (issue 4: run-and-wait vs the physical limit and testcontainers)', pick('pg raw: docker run + pg_isready/20ms (fresh)', 'pg core run() + Wait.forLog x2, then SELECT 1', 'pg template start(), cache off', 'pg testcontainers 12 start(), then SELECT 1'), 'pg raw: docker run + pg_isready/20ms (fresh)');
report('Postgres vs testcontainers', pick('pg testcontainers 12 start(), then SELECT 1', 'pg core run() + Wait.forLog x2, then SELECT 1', 'pg template start() from cache'), 'pg testcontainers 12 start(), then SELECT 1');
report('Postgres from the initialised-image cache', pick('pg raw: docker run cached image + pg_isready', 'pg template start() from cache'), 'pg raw: docker run cached image + pg_isready');
report('Redis', pick('redis raw: docker run + docker port + PING', 'redis template start() (ready = PING from host)', 'redis testcontainers 12 start()'), 'redis raw: docker run + docker port + PING');

// Reuse and isolation.
const reusable = await postgres({ reuse: true, database: 'bench_reuse' }).start(session);
const reuseTimes = [];
for (let i = 0; i < rounds; i++) {
  const other = await Docker.connect();
  reuseTimes.push((await time(() => postgres({ reuse: true, database: 'bench_reuse' }).start(other))).ms);
  await other.close();
}
const isolateTimes = [];
for (let i = 0; i < rounds; i++) isolateTimes.push((await time(() => reusable.isolate(`bench-${Date.now()}-${i}`))).ms);
report('Reuse and isolation (targets: reused <= 200 ms, isolate <= 150 ms)', { 'pg reused start() (new session each)': reuseTimes, 'pg isolate()': isolateTimes }, 'pg reused start() (new session each)');
await reusable.container.remove();
await session.close();
