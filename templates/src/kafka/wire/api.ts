// The four Kafka requests the template sends, at versions every broker from 2.4 to 4.x accepts
// (none of them "flexible", so no tagged fields): Metadata v4, CreateTopics v4, Produce v3 and
// Fetch v4. Each is `{ apiKey, version, body, parse }` (pure).
import { Reader, Writer } from './codec.js';

export interface KafkaRequest<T> {
  apiKey: number;
  version: number;
  body: Buffer;
  parse(reader: Reader): T;
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
}

export interface TopicMetadata {
  errorCode: number;
  name: string;
  partitions: { errorCode: number; index: number; leader: number }[];
}

export interface Metadata {
  brokers: BrokerInfo[];
  clusterId: string | null;
  controllerId: number;
  topics: TopicMetadata[];
}

// Metadata of `topics` (none: brokers and controller only), never creating a topic.
export function metadataRequest(topics: readonly string[]): KafkaRequest<Metadata> {
  return {
    apiKey: 3,
    version: 4,
    body: new Writer().array(topics, (w, topic) => w.string(topic)).int8(0).build(),
    parse: (r) => {
      r.int32(); // throttle_time_ms
      const brokers = r.array((b) => {
        const broker = { nodeId: b.int32(), host: b.string(), port: b.int32() };
        b.nullableString(); // rack
        return broker;
      });
      const clusterId = r.nullableString();
      const controllerId = r.int32();
      const parsed = r.array((t) => {
        const errorCode = t.int16();
        const name = t.string();
        t.boolean(); // is_internal
        const partitions = t.array((p) => {
          const partition = { errorCode: p.int16(), index: p.int32(), leader: p.int32() };
          p.array((n) => n.int32()); // replicas
          p.array((n) => n.int32()); // in-sync replicas
          return partition;
        });
        return { errorCode, name, partitions };
      });
      return { brokers, clusterId, controllerId, topics: parsed };
    },
  };
}

export interface NewTopic {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

export interface CreateTopicResult {
  name: string;
  errorCode: number;
  message: string | null;
}

// Creates topics with the broker's default replication factor.
export function createTopicsRequest(topics: readonly NewTopic[], timeoutMs: number): KafkaRequest<CreateTopicResult[]> {
  const body = new Writer()
    .array(topics, (w, topic) =>
      w
        .string(topic.name)
        .int32(topic.partitions)
        .int16(-1)
        .array([], () => undefined)
        .array(Object.entries(topic.config), (c, [name, value]) => c.string(name).nullableString(value)),
    )
    .int32(timeoutMs)
    .int8(0) // validate_only
    .build();
  return {
    apiKey: 19,
    version: 4,
    body,
    parse: (r) => {
      r.int32(); // throttle_time_ms
      return r.array((t) => ({ name: t.string(), errorCode: t.int16(), message: t.nullableString() }));
    },
  };
}

export interface ProduceResult {
  errorCode: number;
  baseOffset: bigint;
}

// Appends one record batch to a partition, acknowledged by all in-sync replicas.
export function produceRequest(topic: string, partition: number, batch: Buffer, timeoutMs: number): KafkaRequest<ProduceResult> {
  const body = new Writer()
    .nullableString(null) // transactional_id
    .int16(-1) // acks: all
    .int32(timeoutMs)
    .array([topic], (w, name) => w.string(name).array([partition], (p, index) => p.int32(index).bytes(batch)))
    .build();
  return {
    apiKey: 0,
    version: 3,
    body,
    parse: (r) => {
      const results = r.array((t) => {
        t.string();
        return t.array((p) => {
          p.int32(); // index
          const result = { errorCode: p.int16(), baseOffset: p.int64() };
          p.int64(); // log_append_time_ms
          return result;
        });
      });
      const result = results[0]?.[0];
      if (!result) throw new RangeError('Kafka answered a produce request without a partition result');
      return result;
    },
  };
}

export interface FetchResult {
  errorCode: number;
  highWatermark: bigint;
  records: Buffer | null;
}

// Reads one partition from `offset`, waiting up to `maxWaitMs` for data.
export function fetchRequest(topic: string, partition: number, offset: bigint, maxWaitMs: number): KafkaRequest<FetchResult> {
  const maxBytes = 1024 * 1024;
  const body = new Writer()
    .int32(-1) // replica_id: a consumer
    .int32(maxWaitMs)
    .int32(1) // min_bytes
    .int32(maxBytes)
    .int8(0) // isolation: read uncommitted
    .array([topic], (w, name) => w.string(name).array([partition], (p, index) => p.int32(index).int64(offset).int32(maxBytes)))
    .build();
  return {
    apiKey: 1,
    version: 4,
    body,
    parse: (r) => {
      r.int32(); // throttle_time_ms
      const results = r.array((t) => {
        t.string();
        return t.array((p) => {
          p.int32(); // partition_index
          const errorCode = p.int16();
          const highWatermark = p.int64();
          p.int64(); // last_stable_offset
          p.array((a) => [a.int64(), a.int64()]); // aborted transactions (null reads as none)
          return { errorCode, highWatermark, records: p.bytes() };
        });
      });
      const result = results[0]?.[0];
      if (!result) throw new RangeError('Kafka answered a fetch request without a partition result');
      return result;
    },
  };
}
