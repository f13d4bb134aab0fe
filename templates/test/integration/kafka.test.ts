// The Kafka template against the real engine and the apache/kafka image (or its stand-in), checked
// with a real client (kafkajs) from this process and the Kafka CLI tools from a second container.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContainerBuilder, SESSION_LABEL, Wait, type Docker } from '@docker-wrapper/core';
import { REUSE_LABEL, kafka, type KafkaConnection, type KafkaService } from '@docker-wrapper/templates';
import getPort from 'get-port';
import { normalizeKafkaOptions } from '../../src/kafka/options.js';
import { serviceNetwork } from '../../src/kafka/network.js';
import { launchOnFreePort } from '../../src/kafka/template.js';
import { connectForTest } from '../support/docker.js';

let docker: Docker;
let bus: KafkaService;

beforeAll(async () => {
  docker = await connectForTest();
  // Only the first test writes to `landing` (later ones read `orders` from the beginning).
  bus = await kafka({ topics: [{ name: 'orders', partitions: 3 }, 'events', { name: 'landing', partitions: 2 }], startupTimeout: 120_000 }).start(docker);
});
afterAll(async () => {
  await bus?.stop();
  await docker?.close();
});

function client(connection: KafkaConnection): Kafka {
  return new Kafka({ clientId: 'dw-test', brokers: connection.brokers, logLevel: logLevel.NOTHING });
}

// Reads `count` values of `topic` from the beginning, in a consumer group of its own.
async function consume(connection: KafkaConnection, topic: string, count: number): Promise<string[]> {
  const consumer = client(connection).consumer({ groupId: `${connection.groupPrefix}dw-test-${randomBytes(4).toString('hex')}` });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${values.length} of ${count} message(s) from ${topic} within 30 s`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            values.push(message.value?.toString() ?? '');
            if (values.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return values;
}

async function produce(connection: KafkaConnection, topic: string, values: string[]): Promise<void> {
  const producer = client(connection).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
  } finally {
    await producer.disconnect();
  }
}

async function partitionCounts(connection: KafkaConnection, topics: string[]): Promise<Record<string, number>> {
  const admin = client(connection).admin();
  await admin.connect();
  try {
    const { topics: found } = await admin.fetchTopicMetadata({ topics });
    return Object.fromEntries(found.map((t) => [t.name, t.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}

async function sessionNetworks(): Promise<string[]> {
  const result = await docker.executor.raw(['network', 'ls', '-q', '--filter', `label=${SESSION_LABEL}=${docker.sessionId}`]);
  return result.stdout.split('\n').filter(Boolean).sort();
}

// The topics a client lists (kafkajs, as a user's assertion would).
async function listTopics(connection: KafkaConnection): Promise<string[]> {
  const admin = client(connection).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).sort();
  } finally {
    await admin.disconnect();
  }
}

// Sends one record to each partition of `topic` with a producer that never retries: it fails if a
// partition's leader does not serve it yet.
async function produceOnce(connection: KafkaConnection, topic: string, partitions: number): Promise<void> {
  const producer = new Kafka({ clientId: 'dw-test', brokers: connection.brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: Array.from({ length: partitions }, (_, partition) => ({ partition, value: 'first' })) });
  } finally {
    await producer.disconnect();
  }
}

describe('kafka', () => {
  // Runs first: nothing else has touched the broker yet.
  it('holds exactly the listed topics, with their partitions, when start() resolves, and each takes a record at once', async () => {
    expect(await listTopics(bus.connection)).toEqual(['events', 'landing', 'orders']);
    expect(await partitionCounts(bus.connection, ['orders', 'events', 'landing'])).toEqual({ orders: 3, events: 1, landing: 2 });
    await produceOnce(bus.connection, 'landing', 2);
  });

  it('a reused broker holds exactly its listed topics too', async () => {
    // A spec no earlier run used (the topic is part of it).
    const topic = `reused-${randomBytes(4).toString('hex')}`;
    const options = { reuse: true, topics: [topic], startupTimeout: 120_000 };
    const first = await kafka(options).start(docker);
    const hash = first.container?.info.labels[REUSE_LABEL] as string;
    try {
      expect(await listTopics(first.connection)).toEqual([topic]);
      const again = await kafka(options).start(docker);
      expect(again.reused).toBe(true);
      expect(await listTopics(again.connection)).toEqual([topic]);
      await produceOnce(again.connection, topic, 1);
    } finally {
      // Only this test's broker and network: prune() would also take other suites' reused services.
      await first.container?.remove();
      await docker.executor.raw(['network', 'rm', `dw-kafka-${hash}`]);
    }
  });

  it('hands out plain connection data advertised on the published host port', async () => {
    const port = bus.container?.hostPort(9092);
    expect(bus.connection).toEqual({ brokers: [`127.0.0.1:${port}`], bootstrapServers: `127.0.0.1:${port}`, topicPrefix: '', groupPrefix: '' });
    expect(JSON.parse(JSON.stringify(bus.connection))).toEqual(bus.connection);
    expect(bus.internalBootstrapServers).toBe('kafka:19092');
    expect(bus.network).toMatch(/^dw-net-/);
    const admin = client(bus.connection).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port })]);
    } finally {
      await admin.disconnect();
    }
  });

  it('produces and consumes from this process (kafkajs)', async () => {
    const values = ['one', 'two', 'three'].map((v) => `${v}-${randomBytes(3).toString('hex')}`);
    await produce(bus.connection, 'orders', values);
    expect((await consume(bus.connection, 'orders', 3)).sort()).toEqual([...values].sort());
  });

  it('serves a second container on its network by alias (console producer and consumer)', async () => {
    const topic = `cross-${randomBytes(4).toString('hex')}`;
    await bus.createTopics([topic]);
    await produce(bus.connection, topic, ['from-host']);
    const servers = bus.internalBootstrapServers;
    const script = [
      'set -e',
      `echo from-container | /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server ${servers} --topic ${topic}`,
      `/opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server ${servers} --topic ${topic} --from-beginning --max-messages 2 --timeout-ms 60000`,
    ].join('\n');
    const tools = await new ContainerBuilder('apache/kafka:3.9.1')
      .network(bus.network as string)
      .env('KAFKA_HEAP_OPTS', '-Xmx128m')
      .entrypoint(['/bin/sh', '-c'])
      .command([script])
      .waitFor(Wait.forExit())
      .startupTimeout(120_000)
      .run(docker);
    const output = await tools.tail(200);
    expect(output).toEqual(expect.arrayContaining(['from-host', 'from-container']));
    // And what the container produced reaches this process too.
    expect((await consume(bus.connection, topic, 2)).sort()).toEqual(['from-container', 'from-host']);
    await tools.remove();
  });

  it('isolates keys with topic prefixes, the listed topics made under each', async () => {
    const [a, b, again, odd] = await Promise.all([bus.isolate('worker-1'), bus.isolate('worker-2'), bus.isolate('worker-1'), bus.isolate('worker 1')]);
    expect(a).toEqual({ ...bus.connection, topicPrefix: 'worker-1.', groupPrefix: 'worker-1.' });
    expect(b).toMatchObject({ topicPrefix: 'worker-2.', groupPrefix: 'worker-2.' });
    expect(again).toEqual(a);
    expect(odd.topicPrefix).toMatch(/^worker-1-[0-9a-f]{8}\.$/);
    expect(odd.groupPrefix).toBe(odd.topicPrefix);
    expect(await partitionCounts(bus.connection, ['worker-1.orders', 'worker-1.events', 'worker-2.orders', `${odd.topicPrefix}orders`])).toEqual({
      'worker-1.orders': 3,
      'worker-1.events': 1,
      'worker-2.orders': 3,
      [`${odd.topicPrefix}orders`]: 3,
    });
    await produce(a, `${a.topicPrefix}events`, ['only-for-worker-1']);
    await produce(b, `${b.topicPrefix}events`, ['only-for-worker-2']);
    expect(await consume(a, `${a.topicPrefix}events`, 1)).toEqual(['only-for-worker-1']);
  });

  it('creates topics on demand and reports what Kafka refuses', async () => {
    await bus.createTopics([{ name: 'compacted', partitions: 2, config: { 'cleanup.policy': 'compact' } }, 'plain']);
    expect(await partitionCounts(bus.connection, ['compacted', 'plain'])).toEqual({ compacted: 2, plain: 1 });
    await expect(bus.createTopics([{ name: 'refused', config: { 'cleanup.policy': 'sometimes' } }])).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      message: expect.stringMatching(/creating topic "refused": INVALID_CONFIG/),
    });
    await expect(bus.createTopics(['no spaces allowed'])).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'createTopics[0]' });
  });

  it('brings its own brokers from DOCKER_WRAPPER_KAFKA_BROKERS: no container, no network, topics made there', async () => {
    const containers = await docker.containers.listSession();
    const networks = await sessionNetworks();
    vi.stubEnv('DOCKER_WRAPPER_KAFKA_BROKERS', bus.connection.bootstrapServers);
    try {
      const byo = await kafka({ topics: [{ name: 'brought', partitions: 2 }] }).start(docker);
      expect(byo.container).toBeUndefined();
      expect(byo.network).toBeUndefined();
      expect(byo.reused).toBe(false);
      expect(byo.connection).toEqual(bus.connection);
      expect((await byo.isolate('w')).topicPrefix).toBe('w.');
      await byo.stop();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await docker.containers.listSession()).toEqual(containers);
    expect(await sessionNetworks()).toEqual(networks);
    expect(await partitionCounts(bus.connection, ['brought', 'w.brought'])).toEqual({ brought: 2, 'w.brought': 2 });
  });

  it('a start that Kafka refuses fails with the reason and leaves nothing behind', async () => {
    const containers = await docker.containers.listSession();
    const networks = await sessionNetworks();
    const error = await kafka({ topics: [{ name: 'bad', config: { 'cleanup.policy': 'sometimes' } }], startupTimeout: 120_000 })
      .start(docker)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STARTUP_FAILED', reason: 'failed' });
    expect((error as Error).message).toMatch(/creating topic "bad": INVALID_CONFIG/);
    expect(await docker.containers.listSession()).toEqual(containers);
    expect(await sessionNetworks()).toEqual(networks);
  });

  it('joins a given network under a given alias, and stop() leaves that network', async () => {
    const network = await docker.networks.create();
    const other = await kafka({ network: network.name, alias: 'bus', startupTimeout: 120_000 }).start(docker);
    expect(other.network).toBe(network.name);
    expect(other.internalBootstrapServers).toBe('bus:19092');
    expect((await other.container?.inspect())?.networks[network.name]?.aliases).toContain('bus');
    await other.stop();
    await expect(docker.containers.get(other.container?.id as string)).rejects.toMatchObject({ code: 'NO_SUCH_CONTAINER' });
    expect((await network.inspect()).name).toBe(network.name);
    await network.remove();
  });

  it('picks another host port when another process published the chosen one first', async () => {
    const taken = await getPort();
    const squatter = await new ContainerBuilder('debian:12').port(80, { hostPort: taken }).command(['sleep', '600']).waitFor(Wait.none()).run(docker);
    const picks = [taken];
    const picked: number[] = [];
    const pick = async () => {
      const port = picks.shift() ?? (await getPort());
      picked.push(port);
      return port;
    };
    const options = normalizeKafkaOptions({ alias: 'retried', startupTimeout: 120_000 });
    const { container } = await launchOnFreePort(docker, options, await serviceNetwork(docker, bus.network, undefined, options.image), 'unused', undefined, pick);
    try {
      expect(picked).toHaveLength(2);
      expect(picked[0]).toBe(taken);
      expect(container.hostPort(9092)).toBe(picked[1]);
      expect(container.info.ports['9092/tcp']).toHaveLength(1);
    } finally {
      await Promise.all([container.remove(), squatter.remove()]);
    }
  });

  it('stop() removes the container, and the network it made in the background (docker.settled() and close() wait for it)', async () => {
    const id = bus.container?.id as string;
    const network = bus.network as string;
    expect(Object.keys((await docker.containers.get(id)).info.networks)).toEqual([network]);
    await bus.stop();
    await expect(docker.containers.get(id)).rejects.toMatchObject({ code: 'NO_SUCH_CONTAINER' });
    await docker.settled();
    await expect(docker.networks.get(network)).rejects.toThrow();
  });
});
