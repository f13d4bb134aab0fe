// The raw limits the benchmarks compare templates with: plain docker commands and the tightest
// readiness checks, no wrapper. Shared by bench/kafka.mjs and bench/parallel.mjs.
import { randomUUID } from 'node:crypto';
import { execa } from 'execa';
import getPort from 'get-port';
import { postgres } from '../templates/dist/index.js';
import { prepareBroker } from '../templates/dist/kafka/admin.js';
import { docker, hostPort, pollEvery, redisPing } from './support.mjs';

export const KAFKA_READY_LINE = 'Kafka Server started';

// A KRaft cluster id (22 characters of base64url, not starting with `-`).
export function newClusterId() {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url').replace(/^-/, 'A');
}

// The broker configuration the template uses, as plain `-e` flags.
export function brokerEnv(port, alias, clusterId = newClusterId()) {
  const env = {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_LISTENERS: 'PLAINTEXT://:9092,INTERNAL://:19092,CONTROLLER://:9093',
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port},INTERNAL://${alias}:19092`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    CLUSTER_ID: clusterId,
  };
  return Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
}

// Follows the container's output until `text` appears.
export async function followUntil(id, text) {
  const controller = new AbortController();
  const logs = execa('docker', ['logs', '-f', id], { all: true, buffer: false, reject: false, cancelSignal: controller.signal });
  let seen = '';
  try {
    for await (const chunk of logs.all) {
      seen = (seen + chunk).slice(-4096);
      if (seen.includes(text)) return;
    }
    throw new Error(`the log of ${id} ended before "${text}"`);
  } finally {
    controller.abort();
    await logs;
  }
}

// `docker run` of a broker configured like the template's (optionally on a network of its own).
export async function rawKafka(image, { network, clusterId }) {
  const port = await getPort();
  let net;
  if (network) net = (await docker(['network', 'create', `bench-kafka-${port}`])).stdout.trim();
  const placement = net ? ['--network', net, '--network-alias', 'kafka'] : [];
  const { stdout } = await docker(['run', '-d', '-p', `127.0.0.1:${port}:9092`, ...placement, ...brokerEnv(port, 'kafka', clusterId), image]);
  const id = stdout.trim();
  return { id, port, cleanup: async () => { await docker(['rm', '-f', '-v', id]); if (net) await docker(['network', 'rm', net]); } };
}


// Kafka's raw limit: docker run, `logs -f` until its start line, then the template's readiness
// probe (without the wrapper).
export async function rawKafkaReady(image) {
  const started = await rawKafka(image, { network: false });
  await followUntil(started.id, KAFKA_READY_LINE);
  await prepareBroker({ host: '127.0.0.1', port: started.port }, [], AbortSignal.timeout(120_000));
  return started;
}

// Postgres' raw limit: docker run of an image, `docker port`, pg_isready from the host every 20 ms.
export async function rawPostgresReady(image, env = []) {
  const id = (await docker(['run', '-d', '-p', '127.0.0.1::5432', ...env, image])).stdout.trim();
  const port = await hostPort(id, 5432);
  await pollEvery(20, () => execa('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port), '-t', '1'], { reject: false }).then((r) => r.exitCode === 0));
  return { id, port, cleanup: () => docker(['rm', '-f', '-v', id]) };
}

// Starts the default Postgres template once (untimed) so its initialised image exists, and
// returns that image's tag (the one its container ran).
export async function warmPostgresCache(session) {
  const warm = await postgres().start(session);
  await warm.stop();
  return warm.container.image;
}

// Redis' raw limit: docker run, `docker port`, PING from the host every 5 ms.
export async function rawRedisReady(image) {
  const id = (await docker(['run', '-d', '-p', '127.0.0.1::6379', image])).stdout.trim();
  const port = await hostPort(id, 6379);
  await pollEvery(5, () => redisPing(port));
  return { id, port, cleanup: () => docker(['rm', '-f', '-v', id]) };
}
