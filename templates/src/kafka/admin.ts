// What the template asks of a broker, over its own few lines of the Kafka protocol (no client
// library): create topics and wait for their leaders, and prove readiness with one produce and
// one fetch of the same record. Transient failures are retried until the signal aborts.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopicsRequest, fetchRequest, metadataRequest, produceRequest, type NewTopic } from './wire/api.js';
import { KafkaRequestError, TOPIC_ALREADY_EXISTS, check, errorName } from './wire/errors.js';
import { decodeRecords, encodeRecordBatch } from './wire/records.js';
import { BrokerSocket } from './wire/socket.js';

export interface BrokerAddress {
  host: string;
  port: number;
}

/** The topic readiness writes to (one record per start). */
export const READY_TOPIC = '__docker_wrapper_ready';
const REQUEST_TIMEOUT_MS = 10_000;

interface CallOptions {
  signal: AbortSignal;
  /** Send CreateTopics to the controller the bootstrap broker names (clusters of several brokers). */
  viaController?: boolean;
}

// Runs `attempt` until it succeeds, fails for good, or `signal` aborts (then the last error says why).
export async function retrying<T>(what: string, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  let delayMs = 10;
  let last: Error | undefined;
  for (;;) {
    if (signal.aborted) throw new KafkaRequestError(`${what} did not succeed in time${last ? `; last error: ${last.message}` : ''}`, { retriable: false, cause: last });
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof KafkaRequestError) || !error.retriable || signal.aborted) {
        throw signal.aborted && last ? new KafkaRequestError(`${what} did not succeed in time; last error: ${last.message}`, { retriable: false, cause: error }) : error;
      }
      last = error;
    }
    await sleep(delayMs, undefined, { signal }).catch(() => undefined);
    delayMs = Math.min(delayMs * 2, 250);
  }
}

// Opens a connection to the first broker of `brokers` that accepts one.
async function open(brokers: readonly BrokerAddress[], signal: AbortSignal): Promise<BrokerSocket> {
  let last: unknown = new KafkaRequestError('no broker address to connect to', { retriable: false });
  for (const broker of brokers) {
    try {
      return await BrokerSocket.open(broker.host, broker.port, { timeoutMs: 5_000, signal });
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

// The connection CreateTopics must go to: the controller in ZooKeeper-mode clusters (KRaft brokers
// forward it themselves, and name any broker as "controller").
async function controllerOf(socket: BrokerSocket, signal: AbortSignal): Promise<BrokerSocket> {
  const metadata = await socket.send(metadataRequest([]), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
  const controller = metadata.brokers.find((broker) => broker.nodeId === metadata.controllerId);
  if (!controller) return socket;
  const address = `${controller.host.includes(':') ? `[${controller.host}]` : controller.host}:${controller.port}`;
  return address === socket.address ? socket : BrokerSocket.open(controller.host, controller.port, { timeoutMs: 5_000, signal });
}

// Creates the topics that do not exist yet and waits until every partition of each has a leader.
async function ensureTopicsOn(socket: BrokerSocket, topics: readonly NewTopic[], options: CallOptions): Promise<void> {
  if (topics.length === 0) return;
  const { signal } = options;
  const controller = options.viaController ? await controllerOf(socket, signal) : socket;
  try {
    const results = await controller.send(createTopicsRequest(topics, REQUEST_TIMEOUT_MS), { timeoutMs: REQUEST_TIMEOUT_MS + 5_000, signal });
    for (const result of results) {
      if (result.errorCode !== TOPIC_ALREADY_EXISTS) check(result.errorCode, `creating topic "${result.name}"`, result.message);
    }
  } finally {
    if (controller !== socket) controller.close();
  }
  const names = topics.map((topic) => topic.name);
  for (let delayMs = 5; ; delayMs = Math.min(delayMs * 2, 100)) {
    const metadata = await socket.send(metadataRequest(names), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
    const waiting = metadata.topics.filter((t) => t.errorCode !== 0 || t.partitions.length === 0 || t.partitions.some((p) => p.errorCode !== 0 || p.leader < 0));
    if (waiting.length === 0 && metadata.topics.length === names.length) return;
    if (signal.aborted) throw new KafkaRequestError(`topics without a leader: ${waiting.map((t) => `${t.name} (${errorName(t.errorCode)})`).join(', ')}`);
    await sleep(delayMs, undefined, { signal }).catch(() => undefined);
  }
}

// Produces one record to partition 0 of `topic` and fetches it back.
async function roundTrip(socket: BrokerSocket, topic: string, signal: AbortSignal): Promise<void> {
  const value = Buffer.from(`ready-${randomBytes(8).toString('hex')}`);
  const produced = await socket.send(produceRequest(topic, 0, encodeRecordBatch([value]), REQUEST_TIMEOUT_MS), { timeoutMs: REQUEST_TIMEOUT_MS + 5_000, signal });
  check(produced.errorCode, `producing to ${topic}`);
  const fetched = await socket.send(fetchRequest(topic, 0, produced.baseOffset, 1_000), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
  check(fetched.errorCode, `fetching from ${topic}`);
  const record = decodeRecords(fetched.records ?? Buffer.alloc(0)).find((r) => r.offset === produced.baseOffset);
  if (!record?.value?.equals(value)) throw new KafkaRequestError(`fetching offset ${produced.baseOffset} of ${topic} did not return the record just produced`);
}

// Readiness of a broker the template started: topics exist (with leaders), then a produce and a
// fetch of the same record succeed, all from this process through the host-facing listener.
export async function prepareBroker(address: BrokerAddress, topics: readonly NewTopic[], signal: AbortSignal): Promise<void> {
  const ready: NewTopic = { name: READY_TOPIC, partitions: 1, config: {} };
  await retrying(`topics and a produce/fetch round trip on ${address.host}:${address.port}`, signal, async () => {
    const socket = await open([address], signal);
    try {
      await ensureTopicsOn(socket, [...topics, ready], { signal });
      await roundTrip(socket, READY_TOPIC, signal);
    } finally {
      socket.close();
    }
  });
}

// Creates topics on any cluster (also one brought by the environment), existing ones left as they are.
export async function ensureTopics(brokers: readonly BrokerAddress[], topics: readonly NewTopic[], signal: AbortSignal): Promise<void> {
  if (topics.length === 0) return;
  await retrying(`creating topics ${topics.map((t) => t.name).join(', ')}`, signal, async () => {
    const socket = await open(brokers, signal);
    try {
      await ensureTopicsOn(socket, topics, { signal, viaController: true });
    } finally {
      socket.close();
    }
  });
}
