// Contract of the `apache/kafka` (3.9) image our templates rely on, checked against whatever
// DOCKER_WRAPPER_IMAGE_MAP maps it to (the stand-in in CI, the official image elsewhere).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { Kafka, logLevel, type EachMessagePayload } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { containerStarter, docker } from '../support/cli.js';
import { createTopicWithLeaders } from '../../templates/test/support/kafka-client.js';
import { standIn } from '../support/images.js';

const image = standIn('apache/kafka:3.9.1');
const clusterId = 'FByQpZCjKJ3nxOFhSItuyg'; // any 16 bytes, base64url
const start = containerStarter();

// A port that was free a moment ago: the broker must advertise it before docker publishes it.
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from listen(0)');
  return address.port;
}

async function waitForLog(id: string, text: string, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let output = '';
  while (Date.now() < deadline) {
    const result = await execa('docker', ['logs', id], { all: true, reject: false });
    output = result.all ?? '';
    if (output.includes(text)) return;
    if (result.exitCode !== 0) throw new Error(`container ${id} is gone before logging "${text}":\n${output}`);
    await sleep(200);
  }
  throw new Error(`no "${text}" within ${deadlineMs} ms:\n${output}`);
}

describe(`apache/kafka contract (${image})`, () => {
  it('turns KAFKA_* variables into a KRaft broker advertised on the published port', async () => {
    const port = await freePort();
    const env = {
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093,INTERNAL://:29092',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://localhost:${port},INTERNAL://localhost:29092`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      CLUSTER_ID: clusterId,
    };
    const id = await start('-p', `127.0.0.1:${port}:9092`, ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), image);
    await waitForLog(id, 'Kafka Server started');

    const kafka = new Kafka({ clientId: 'contract', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const consumer = kafka.consumer({ groupId: `contract-${randomBytes(4).toString('hex')}` });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      expect(cluster.clusterId).toBe(clusterId);
      expect(cluster.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: 'localhost', port })]);

      const topic = `contract-${randomBytes(4).toString('hex')}`;
      await createTopicWithLeaders(admin, topic);
      expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions).toHaveLength(1);

      const value = `value-${randomBytes(4).toString('hex')}`;
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k', value }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message consumed within 30 s')), 30_000);
        const eachMessage = async ({ message }: EachMessagePayload) => {
          clearTimeout(timer);
          resolve(message.value?.toString() ?? '');
        };
        consumer.run({ eachMessage }).catch(reject);
      });
      expect(await received).toBe(value);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('starts a single-node KRaft broker with no configuration and ships the CLI tools', async () => {
    const id = await start(image);
    await waitForLog(id, 'Kafka Server started');

    const topics = ['/opt/kafka/bin/kafka-topics.sh', '--bootstrap-server', 'localhost:9092'];
    await docker('exec', id, ...topics, '--create', '--topic', 't1');
    const { stdout } = await docker('exec', id, ...topics, '--list');
    expect(stdout.split('\n').map((line) => line.trim())).toContain('t1');
  });

  it('refuses KRaft settings without a CLUSTER_ID', async () => {
    const result = await execa(
      'docker',
      ['run', '--rm', '--label', 'docker-wrapper.test=contract', '-e', 'KAFKA_NODE_ID=1', '-e', 'KAFKA_PROCESS_ROLES=broker,controller', image],
      { all: true, reject: false, timeout: 60_000 },
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('CLUSTER_ID');
  });
});
