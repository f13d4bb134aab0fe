// The e2e suite's three services started the way a testcontainers-node 12 user would: in parallel,
// PostgreSqlContainer with the schema as an init script, RedisContainer, and Kafka as a
// GenericContainer advertised on a host port picked before it starts. Same images and the same
// server settings as the templates use, so the comparison is about starting, not tuning. Shared by
// the benchmark's global setup (bench/vitest-tc) and bench/vitest.mjs (the pre-started services).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { GenericContainer, Wait } from 'testcontainers';
import { resolveImage } from '../support.mjs';
import { TOPIC, createTopic, postgresUrl } from './clients.mjs';

export const SCHEMA = fileURLToPath(new URL('../../e2e/app/schema.sql', import.meta.url));
// Every container gets it, so bench/vitest.mjs can remove what a crashed run left behind.
export const BENCH_LABEL = 'docker-wrapper.bench';

// Ryuk off (the comparison); getHost() gives 127.0.0.1 rather than `localhost`, like the
// templates' connections (the suite checks the address). Both are read when the first container starts.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';

// `BENCH_TIMING=1` prints when each service was ready (bench code only; the packages log nothing).
const timing = process.env.BENCH_TIMING === '1';
const started = performance.now();
const mark = (what) => timing && console.error(`[bench-timing] testcontainers ${what} ${(performance.now() - started).toFixed(0)} ms`);

function labelled(container) {
  return container.withLabels({ [BENCH_LABEL]: process.env.BENCH_RUN_ID ?? 'manual' });
}

async function startPostgres() {
  const container = await labelled(new PostgreSqlContainer(resolveImage('postgres:17')))
    .withCopyFilesToContainer([{ source: SCHEMA, target: '/docker-entrypoint-initdb.d/001-schema.sql' }])
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
    .start();
  mark('postgres ready');
  const connection = { host: container.getHost(), port: container.getPort(), user: container.getUsername(), password: container.getPassword(), database: container.getDatabase() };
  return { container, connection: { ...connection, url: postgresUrl(connection) } };
}

async function startRedis() {
  const container = await labelled(new RedisContainer(resolveImage('redis:7'))).start();
  mark('redis ready');
  const connection = { host: container.getHost(), port: container.getPort(), password: undefined, database: 0, keyPrefix: '' };
  return { container, connection: { ...connection, url: `redis://${connection.host}:${connection.port}/0` } };
}

// A single-node KRaft broker with the template's test settings (one replica, one partition for the
// internal topics, no rebalance delay). The advertised listener must name the published port, so
// the port is picked first and bound. (Not raw.mjs's flags: importing it would load the templates.)
function kafkaEnv(port) {
  return {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    CLUSTER_ID: randomBytes(16).toString('base64url').replace(/^-/, 'A'),
  };
}

async function startKafka() {
  const port = await getPort();
  const container = await labelled(new GenericContainer(resolveImage('apache/kafka:3.9.1')))
    .withEnvironment(kafkaEnv(port))
    .withExposedPorts({ container: 9092, host: port })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .withStartupTimeout(120_000)
    .start();
  mark('kafka started');
  const brokers = [`127.0.0.1:${port}`];
  await createTopic(brokers, TOPIC);
  mark(`kafka topic ${TOPIC} led`);
  // The kafka() template's connection shape.
  return { container, connection: { brokers, bootstrapServers: brokers.join(','), topicPrefix: '', groupPrefix: '' } };
}

// Starts the three in parallel; `stop()` stops every one that started, also after a failed start.
export async function startTestcontainers() {
  const names = ['db', 'cache', 'bus'];
  const settled = await Promise.allSettled([startPostgres(), startRedis(), startKafka()]);
  const up = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const stop = async () => {
    mark('stopping');
    await Promise.all(up.map(({ container }) => container.stop()));
    mark('stopped');
  };
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const services = Object.fromEntries(names.map((name, i) => [name, settled[i].value]));
  return {
    // What the tests receive: connections and container ids, plain data.
    data: {
      connections: Object.fromEntries(names.map((name) => [name, services[name].connection])),
      containers: Object.fromEntries(names.map((name) => [name, services[name].container.getId()])),
    },
    stop,
  };
}
