// Kafka started from several processes at once (each its own Docker session, importing the built
// packages): eight brokers each advertised on its own published port, and one reusable broker
// shared by two processes.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Docker } from '@docker-wrapper/core';
import { REUSE_LABEL, kafka, type KafkaConnection } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';
import { createTopicWithLeaders } from '../support/kafka-client.js';
import { startInProcess, type StartedInProcess } from '../support/processes.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let docker: Docker;

beforeAll(async () => {
  // The processes import templates/dist and packages/core/dist: bring them up to date (incremental).
  await execa('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root });
  docker = await connectForTest();
}, 300_000);
afterAll(async () => {
  await docker?.close();
});

// Produces one record and reads it back through the advertised listener; returns the advertised port.
async function roundTrip(connection: KafkaConnection): Promise<number | undefined> {
  const client = new Kafka({ clientId: 'dw-test', brokers: connection.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  const producer = client.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    const topic = `p-${randomBytes(4).toString('hex')}`;
    await createTopicWithLeaders(admin, topic);
    const [sent] = await producer.send({ topic, messages: [{ value: 'x' }] });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets[0]?.high).toBe(String(Number(sent?.baseOffset) + 1));
    return (await admin.describeCluster()).brokers[0]?.port;
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }
}

function portOf(connection: KafkaConnection): number {
  return Number(connection.brokers[0]?.split(':').at(-1));
}

describe('kafka from several processes', () => {
  it('eight processes starting a broker at once all come up, each advertised on its published port', async () => {
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => startInProcess<KafkaConnection>('kafka', { startupTimeout: 240_000 })));
    const started = settled.filter((s): s is PromiseFulfilledResult<StartedInProcess<KafkaConnection>> => s.status === 'fulfilled').map((s) => s.value);
    try {
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      const ports = started.map((s) => portOf(s.result.connection));
      expect(new Set(ports).size).toBe(8);
      for (const { result } of started) {
        const container = await docker.containers.get(result.containerId as string);
        expect(container.hostPort(9092)).toBe(portOf(result.connection));
      }
      expect(await Promise.all(started.map((s) => roundTrip(s.result.connection)))).toEqual(ports);
    } finally {
      await Promise.all(started.map((s) => s.finish()));
    }
    for (const { result } of started) await expect(docker.containers.get(result.containerId as string)).rejects.toMatchObject({ code: 'NO_SUCH_CONTAINER' });
  }, 420_000);

  it('reuse: two processes asking at once start one broker, which outlives them', async () => {
    // A spec no earlier run used (the topic is part of it).
    const topic = `reuse-${randomBytes(4).toString('hex')}`;
    const options = { reuse: true, topics: [topic], startupTimeout: 120_000 };
    const [a, b] = await Promise.all([startInProcess<KafkaConnection>('kafka', options), startInProcess<KafkaConnection>('kafka', options)]);
    const id = a.result.containerId as string;
    const hash = (await docker.containers.get(id)).info.labels[REUSE_LABEL] as string;
    try {
      expect(hash).toMatch(/^[0-9a-f]{16}$/);
      expect(b.result.containerId).toBe(id);
      expect([a.result.reused, b.result.reused].sort()).toEqual([false, true]);
      expect(b.result.connection).toEqual(a.result.connection);
      await Promise.all([a.finish(), b.finish()]);

      // Still running after both sessions closed (the one that started it included), found again here.
      const again = await kafka(options).start(docker);
      expect(again.reused).toBe(true);
      expect(again.container?.id).toBe(id);
      expect(again.connection).toEqual(a.result.connection);
      expect(again.network).toBe(`dw-kafka-${hash}`);
      expect(await roundTrip(again.connection)).toBe(portOf(again.connection));
      await again.stop();
      expect((await again.container?.inspect())?.state.running).toBe(true);
    } finally {
      await Promise.all([a.finish(), b.finish()]);
      // Only this test's broker and network: prune() would also take other suites' reused services.
      const ids = await docker.executor.raw(['ps', '-aq', '--filter', `label=${REUSE_LABEL}=${hash}`]);
      const found = ids.stdout.split('\n').filter(Boolean);
      if (found.length > 0) await docker.executor.raw(['rm', '-f', '-v', ...found]);
      await docker.executor.raw(['network', 'rm', `dw-kafka-${hash}`]);
    }
  }, 300_000);
});
