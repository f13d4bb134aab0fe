// The Kafka service's connection data and isolation prefixes (no broker needed: no topics to make).
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { KafkaService } from '../../src/kafka/service.js';

function service(brokers: string[]): KafkaService {
  return new KafkaService({ brokers, internalBootstrapServers: 'kafka:19092', network: undefined, topics: [], container: undefined, reused: false, remove: async () => undefined });
}

describe('Kafka connection data', () => {
  it('hands out `brokers` as an array (kafkajs) and `bootstrapServers` comma-joined', () => {
    const { connection } = service(['127.0.0.1:49200', 'broker-2:9092']);
    expect(connection).toEqual({ brokers: ['127.0.0.1:49200', 'broker-2:9092'], bootstrapServers: '127.0.0.1:49200,broker-2:9092', topicPrefix: '', groupPrefix: '' });
    expect(JSON.parse(JSON.stringify(connection))).toEqual(connection);
  });

  it('gives each isolation key a topic prefix and a consumer group prefix of its own', async () => {
    const bus = service(['127.0.0.1:49200']);
    const [a, b, again, odd] = await Promise.all([bus.isolate('worker-1'), bus.isolate('worker-2'), bus.isolate('worker-1'), bus.isolate('worker 1')]);
    expect(a).toEqual({ ...bus.connection, topicPrefix: 'worker-1.', groupPrefix: 'worker-1.' });
    expect(b).toMatchObject({ topicPrefix: 'worker-2.', groupPrefix: 'worker-2.' });
    expect(again).toEqual(a);
    expect(odd.groupPrefix).toMatch(/^worker-1-[0-9a-f]{8}\.$/);
    expect(new Set([a, b, odd].map((c) => c.groupPrefix)).size).toBe(3);
    // The service's own connection is left as it was.
    expect(bus.connection.groupPrefix).toBe('');
    a.brokers.push('changed:1');
    expect(bus.connection.brokers).toEqual(['127.0.0.1:49200']);
    await expect(bus.isolate('')).rejects.toThrow(InvalidOptionError);
  });
});
