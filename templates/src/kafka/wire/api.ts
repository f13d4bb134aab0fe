// The three Kafka requests the template sends, at versions every broker from 2.4 to 4.x accepts
// (none of them "flexible", so no tagged fields): Metadata v4, CreateTopics v4 and ListOffsets v1.
// Each is `{ apiKey, version, body, parse }` (pure).
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

// Metadata of `topics` (none: brokers and controller only; null: every topic), never creating a topic.
export function metadataRequest(topics: readonly string[] | null): KafkaRequest<Metadata> {
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

/** A topic and how many partitions it has. */
export interface TopicPartitions {
  name: string;
  partitions: number;
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  errorCode: number;
  offset: bigint;
}

// The latest offset of every partition of `topics`, answered by each partition's leader: it fails
// (NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION) until the leader's replica serves the
// partition, which is what a producer's or a consumer's first request needs.
export function listOffsetsRequest(topics: readonly TopicPartitions[]): KafkaRequest<PartitionOffset[]> {
  const body = new Writer()
    .int32(-1) // replica_id: a consumer
    .array(topics, (w, topic) => w.string(topic.name).array(Array.from({ length: topic.partitions }, (_, i) => i), (p, index) => p.int32(index).int64(-1n)))
    .build();
  return {
    apiKey: 2,
    version: 1,
    body,
    parse: (r) =>
      r.array((t) => {
        const topic = t.string();
        return t.array((p) => {
          const partition = p.int32();
          const errorCode = p.int16();
          p.int64(); // timestamp
          return { topic, partition, errorCode, offset: p.int64() };
        });
      }).flat(),
  };
}
