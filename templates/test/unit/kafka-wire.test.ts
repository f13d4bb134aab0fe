// The template's few lines of the Kafka protocol, and the pure helpers around them.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { brokersFromEnv, parseBroker } from '../../src/kafka/brokers.js';
import { hostAndPort, listenerVariables, newClusterId } from '../../src/kafka/builder.js';
import { advertisedPort } from '../../src/kafka/template.js';
import { isolatedPrefix } from '../../src/kafka/topics.js';
import { createTopicsRequest, listOffsetsRequest, metadataRequest } from '../../src/kafka/wire/api.js';
import { Reader, Writer } from '../../src/kafka/wire/codec.js';
import { KafkaRequestError, check } from '../../src/kafka/wire/errors.js';

describe('Kafka wire primitives', () => {
  it('reads strings, nullable strings, 64-bit integers and arrays back', () => {
    const bytes = new Writer().string('héllo').nullableString(null).int64(-(2n ** 40n)).array([3, 4], (w, n) => w.int32(n)).array(null, () => undefined).build();
    const reader = new Reader(bytes);
    expect(reader.string()).toBe('héllo');
    expect(reader.nullableString()).toBeNull();
    expect(reader.int64()).toBe(-(2n ** 40n));
    expect(reader.array((r) => r.int32())).toEqual([3, 4]);
    expect(reader.array((r) => r.int32())).toEqual([]);
    expect(reader.remaining).toBe(0);
    expect(() => reader.int8()).toThrow(RangeError);
  });
});

describe('requests', () => {
  it('parses a Metadata v4 answer', () => {
    const answer = new Writer()
      .int32(0)
      .array([1], (w) => w.int32(1).string('127.0.0.1').int32(49200).nullableString(null))
      .nullableString('cluster')
      .int32(1)
      .array([0], (w) => w.int16(0).string('orders').int8(0).array([0, 1], (p, i) => p.int16(0).int32(i).int32(1).array([1], (r, n) => r.int32(n)).array([1], (r, n) => r.int32(n))))
      .build();
    const request = metadataRequest(['orders']);
    expect([request.apiKey, request.version]).toEqual([3, 4]);
    expect(request.parse(new Reader(answer))).toEqual({
      brokers: [{ nodeId: 1, host: '127.0.0.1', port: 49200 }],
      clusterId: 'cluster',
      controllerId: 1,
      topics: [{ errorCode: 0, name: 'orders', partitions: [{ errorCode: 0, index: 0, leader: 1 }, { errorCode: 0, index: 1, leader: 1 }] }],
    });
  });

  it('writes CreateTopics v4 with configs and reads per-topic errors', () => {
    const request = createTopicsRequest([{ name: 'orders', partitions: 3, config: { 'cleanup.policy': 'compact' } }], 5000);
    const body = new Reader(request.body);
    expect(body.array((t) => ({ name: t.string(), partitions: t.int32(), replication: t.int16(), assignments: t.array((a) => a.int32()), configs: t.array((c) => [c.string(), c.nullableString()]) }))).toEqual([
      { name: 'orders', partitions: 3, replication: -1, assignments: [], configs: [['cleanup.policy', 'compact']] },
    ]);
    expect(body.int32()).toBe(5000);
    const answer = new Writer().int32(0).array([0], (w) => w.string('orders').int16(36).nullableString('exists')).build();
    expect(request.parse(new Reader(answer))).toEqual([{ name: 'orders', errorCode: 36, message: 'exists' }]);
  });

  it('asks ListOffsets v1 for the latest offset of every partition and reads per-partition errors', () => {
    const request = listOffsetsRequest([{ name: 'orders', partitions: 2 }, { name: 'events', partitions: 1 }]);
    expect([request.apiKey, request.version]).toEqual([2, 1]);
    const body = new Reader(request.body);
    expect(body.int32()).toBe(-1);
    expect(body.array((t) => [t.string(), t.array((p) => [p.int32(), p.int64()])])).toEqual([
      ['orders', [[0, -1n], [1, -1n]]],
      ['events', [[0, -1n]]],
    ]);
    expect(body.remaining).toBe(0);
    const answer = new Writer()
      .array(['orders'], (w, name) => w.string(name).array([[0, 0], [1, 6]], (p, [index, error]) => p.int32(index as number).int16(error as number).int64(-1n).int64(index === 0 ? 5n : -1n)))
      .build();
    expect(request.parse(new Reader(answer))).toEqual([
      { topic: 'orders', partition: 0, errorCode: 0, offset: 5n },
      { topic: 'orders', partition: 1, errorCode: 6, offset: -1n },
    ]);
  });

  it('names error codes and knows which ones pass', () => {
    const thrown = (code: number, what: string, message?: string) => {
      try {
        check(code, what, message);
      } catch (error) {
        return error as KafkaRequestError;
      }
      return undefined;
    };
    expect(thrown(0, 'x')).toBeUndefined();
    const invalid = thrown(40, 'creating topic "t"', 'bad value');
    expect(invalid?.message).toBe('creating topic "t": INVALID_CONFIG (40) bad value');
    expect(invalid?.retriable).toBe(false);
    expect(thrown(6, 'producing')?.retriable).toBe(true);
    expect(thrown(78, 'listing offsets')?.message).toBe('listing offsets: OFFSET_NOT_AVAILABLE (78)');
    expect(thrown(78, 'listing offsets')?.retriable).toBe(true);
  });
});

describe('broker addresses, cluster ids, listeners, prefixes', () => {
  it('parses host:port and [v6]:port, and refuses the rest', () => {
    expect(parseBroker('127.0.0.1:9092')).toEqual({ host: '127.0.0.1', port: 9092 });
    expect(parseBroker(' kafka-1.internal:19092 ')).toEqual({ host: 'kafka-1.internal', port: 19092 });
    expect(parseBroker('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
    expect(parseBroker('kafka')).toBeUndefined();
    expect(parseBroker('kafka:0')).toBeUndefined();
    expect(parseBroker('kafka:70000')).toBeUndefined();
    expect(hostAndPort('::1', 9092)).toBe('[::1]:9092');
  });

  it('reads DOCKER_WRAPPER_KAFKA_BROKERS', () => {
    expect(brokersFromEnv({})).toBeUndefined();
    expect(brokersFromEnv({ DOCKER_WRAPPER_KAFKA_BROKERS: '' })).toBeUndefined();
    expect(brokersFromEnv({ DOCKER_WRAPPER_KAFKA_BROKERS: 'a:9092, b:9093' })).toEqual(['a:9092', 'b:9093']);
    expect(() => brokersFromEnv({ DOCKER_WRAPPER_KAFKA_BROKERS: 'PLAINTEXT://a:9092' })).toThrow(InvalidOptionError);
  });

  it('makes 22-character base64url cluster ids that never start with `-`', () => {
    const ids = Array.from({ length: 500 }, () => newClusterId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('advertises the host port on PLAINTEXT and the alias on INTERNAL', () => {
    const env = listenerVariables({ alias: 'bus' }, { advertisedHost: '127.0.0.1', hostPort: 49200 });
    expect(env.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://127.0.0.1:49200,INTERNAL://bus:19092');
    expect(env.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('INTERNAL');
    expect(env.KAFKA_LISTENERS).toContain('INTERNAL://:19092');
  });

  it("reads a reused broker's host port from its advertised listener", () => {
    const env = listenerVariables({ alias: 'kafka' }, { advertisedHost: '127.0.0.1', hostPort: 49200 });
    expect(advertisedPort(env)).toBe(49200);
    expect(advertisedPort({ KAFKA_ADVERTISED_LISTENERS: 'INTERNAL://kafka:19092,PLAINTEXT://[::1]:40001' })).toBe(40001);
    expect(advertisedPort({})).toBeUndefined();
  });

  it('gives each isolation key its own topic prefix', () => {
    expect(isolatedPrefix('worker-1')).toBe('worker-1.');
    const keys = ['a.b', 'a_b', 'a b', 'a-b', 'a/b', '...', 'x'.repeat(200)];
    const prefixes = keys.map(isolatedPrefix);
    expect(new Set(prefixes).size).toBe(keys.length);
    for (const prefix of prefixes) {
      expect(prefix).toMatch(/^[a-zA-Z0-9-]+\.$/);
      expect(prefix.length).toBeLessThanOrEqual(66);
    }
    expect(isolatedPrefix('a b')).toBe(isolatedPrefix('a b'));
    expect(() => isolatedPrefix('')).toThrow(InvalidOptionError);
  });
});
