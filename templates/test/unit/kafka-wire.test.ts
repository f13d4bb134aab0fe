// The template's few lines of the Kafka protocol, and the pure helpers around them.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { brokersFromEnv, parseBroker } from '../../src/kafka/brokers.js';
import { hostAndPort, listenerVariables, newClusterId } from '../../src/kafka/builder.js';
import { advertisedPort } from '../../src/kafka/template.js';
import { isolatedPrefix } from '../../src/kafka/topics.js';
import { createTopicsRequest, fetchRequest, metadataRequest, produceRequest } from '../../src/kafka/wire/api.js';
import { Reader, Writer } from '../../src/kafka/wire/codec.js';
import { crc32c } from '../../src/kafka/wire/crc32c.js';
import { KafkaRequestError, check } from '../../src/kafka/wire/errors.js';
import { decodeRecords, encodeRecordBatch } from '../../src/kafka/wire/records.js';

describe('Kafka wire primitives', () => {
  it('computes CRC-32C (the check value of "123456789" is 0xE3069283)', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it.each([0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31), 1_700_000_000_000])('round-trips the zigzag varint %d', (value) => {
    const bytes = new Writer().varint(value).build();
    expect(new Reader(bytes).varint()).toBe(value);
  });

  it('encodes varints as Kafka does (zigzag, 7 bits a byte)', () => {
    expect([...new Writer().varint(0).build()]).toEqual([0]);
    expect([...new Writer().varint(-1).build()]).toEqual([1]);
    expect([...new Writer().varint(1).build()]).toEqual([2]);
    expect([...new Writer().varint(64).build()]).toEqual([0x80, 0x01]);
  });

  it('reads strings, nullable strings, bytes and arrays back', () => {
    const bytes = new Writer().string('héllo').nullableString(null).bytes(Buffer.from([1, 2])).bytes(null).array([3, 4], (w, n) => w.int32(n)).array(null, () => undefined).build();
    const reader = new Reader(bytes);
    expect(reader.string()).toBe('héllo');
    expect(reader.nullableString()).toBeNull();
    expect([...(reader.bytes() ?? [])]).toEqual([1, 2]);
    expect(reader.bytes()).toBeNull();
    expect(reader.array((r) => r.int32())).toEqual([3, 4]);
    expect(reader.array((r) => r.int32())).toEqual([]);
    expect(reader.remaining).toBe(0);
    expect(() => reader.int8()).toThrow(RangeError);
  });
});

describe('record batches', () => {
  it('encodes a v2 batch whose length and CRC cover what Kafka says they cover', () => {
    const batch = encodeRecordBatch([Buffer.from('a'), Buffer.from('bc')], 1_700_000_000_000);
    const reader = new Reader(batch);
    expect(reader.int64()).toBe(0n);
    expect(reader.int32()).toBe(batch.length - 12);
    reader.int32();
    expect(reader.int8()).toBe(2);
    const crc = batch.readUInt32BE(17);
    expect(crc).toBe(crc32c(batch.subarray(21)));
  });

  it('decodes what it encodes, at the base offset the broker assigned', () => {
    const batch = encodeRecordBatch([Buffer.from('first'), Buffer.from('second')]);
    batch.writeBigInt64BE(41n, 0);
    const records = decodeRecords(batch);
    expect(records.map((r) => [r.offset, r.key, r.value?.toString()])).toEqual([[41n, null, 'first'], [42n, null, 'second']]);
  });

  it('ignores a partial batch at the end of a fetch', () => {
    const one = encodeRecordBatch([Buffer.from('whole')]);
    const two = encodeRecordBatch([Buffer.from('cut short')]);
    const records = decodeRecords(Buffer.concat([one, two.subarray(0, two.length - 3)]));
    expect(records.map((r) => r.value?.toString())).toEqual(['whole']);
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

  it('reads the base offset of a produce and the records of a fetch', () => {
    const produce = produceRequest('t', 0, encodeRecordBatch([Buffer.from('x')]), 1000);
    const produced = new Writer().array([0], (w) => w.string('t').array([0], (p) => p.int32(0).int16(0).int64(7n).int64(-1n))).int32(0).build();
    expect(produce.parse(new Reader(produced))).toEqual({ errorCode: 0, baseOffset: 7n });

    const records = encodeRecordBatch([Buffer.from('x')]);
    const fetch = fetchRequest('t', 0, 7n, 100);
    const fetched = new Writer().int32(0).array([0], (w) => w.string('t').array([0], (p) => p.int32(0).int16(0).int64(8n).int64(8n).array(null, () => undefined).bytes(records))).build();
    const result = fetch.parse(new Reader(fetched));
    expect(result.highWatermark).toBe(8n);
    expect(decodeRecords(result.records ?? Buffer.alloc(0))[0]?.value?.toString()).toBe('x');
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
