// The testcontainers flavour's stand-in for @docker-wrapper/jest/runtime (mapped by
// moduleNameMapper), so the very same test files run: per-worker isolation the way such a suite
// does it by hand (a database copied from the initialised one, a Redis logical database, topics
// with a prefix), idempotent because every test file gets a fresh module registry.
const pg = require('pg');
const { Kafka, logLevel } = require('kafkajs');

const run = JSON.parse(process.env.BENCH_TC_RUN);
const worker = process.env.JEST_WORKER_ID ?? '1';

async function isolatedDb() {
  const database = `test_w${worker}`;
  const admin = new pg.Client({ connectionString: run.db.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${run.db.database}`);
  } catch (error) {
    if (error.code !== '42P04') throw error; // already made by an earlier file of this worker
  } finally {
    await admin.end();
  }
  return { ...run.db, database, url: run.db.url.replace(/\/[^/]*$/, `/${database}`) };
}

async function isolatedBus() {
  const topicPrefix = `w${worker}.`;
  const admin = new Kafka({ brokers: run.bus.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: `${topicPrefix}user-events` }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return { ...run.bus, topicPrefix, groupPrefix: topicPrefix };
}

const isolate = {
  db: isolatedDb,
  cache: async () => ({ ...run.cache, database: Number(worker), url: `${run.cache.url}/${worker}` }),
  bus: isolatedBus,
};

function services() {
  return run;
}
services.isolated = (name) => {
  if (!isolate[name]) throw new TypeError(`Invalid \`service\`: ${JSON.stringify(name)}. This run has no such service. Did you mean \`db\`?`);
  return isolate[name]();
};
services.handle = () => ({ connections: run, services: {} });

module.exports = { services };
