// What a testcontainers user writes by hand for the suite's `services()`: the connections from the
// global setup, and per worker (VITEST_POOL_ID) a database copied from the initialised one, a
// Redis logical database and a Kafka topic prefix with the suite's topic made under it. Stands in
// for @docker-wrapper/vitest/runtime through `resolve.alias` (see vitest.config.mjs).
import pg from 'pg';
import { inject } from 'vitest';
import { TOPIC, createTopic, postgresUrl } from './clients.mjs';
import { PROVIDE_KEY } from './provide-key.mjs';

const pool = () => process.env.VITEST_POOL_ID ?? '1';

function data() {
  const value = inject(PROVIDE_KEY);
  if (!value) throw new Error('No services: run with bench/vitest-tc/vitest.config.mjs.');
  return value;
}

// CREATE DATABASE ... TEMPLATE, tolerating a copy another file of the same worker made first.
async function isolateDb(db, id) {
  const database = `${db.database}_vitest_${id}`;
  const client = new pg.Client({ connectionString: postgresUrl({ ...db, database: 'postgres' }) });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${db.database}"`);
  } catch (error) {
    // 42P04: already exists; 23505: the same name made concurrently.
    if (error.code !== '42P04' && error.code !== '23505') throw error;
  } finally {
    await client.end();
  }
  return { ...db, database, url: postgresUrl({ ...db, database }) };
}

function isolateCache(cache, id) {
  const database = Number(id) % 16;
  return Promise.resolve({ ...cache, database, url: `redis://${cache.host}:${cache.port}/${database}` });
}

async function isolateBus(bus, id) {
  const topicPrefix = `vitest-${id}.`;
  await createTopic(bus.brokers, `${topicPrefix}${TOPIC}`);
  return { ...bus, topicPrefix, groupPrefix: topicPrefix };
}

const isolators = { db: isolateDb, cache: isolateCache, bus: isolateBus };
const isolated = new Map();

export function services() {
  return data().connections;
}

// `BENCH_TIMING=1` prints how long each isolation took (bench code only).
async function timed(name, work) {
  const started = performance.now();
  const value = await work();
  if (process.env.BENCH_TIMING === '1') console.error(`[bench-timing] pool ${pool()} isolated ${name} in ${(performance.now() - started).toFixed(0)} ms`);
  return value;
}

services.isolated = (name) => {
  if (!isolated.has(name)) isolated.set(name, timed(name, () => isolators[name](services()[name], pool())));
  return isolated.get(name);
};

services.handle = () => {
  const { connections, containers } = data();
  return { sessionId: 'testcontainers', connections, services: Object.fromEntries(Object.entries(containers).map(([name, containerId]) => [name, { containerId }])) };
};
