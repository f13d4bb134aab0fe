// What the template asks of a broker, over its own few lines of the Kafka protocol (no client
// library): create topics and wait until their leaders serve them, and prove readiness without
// writing anything (the broker holds only the user's topics). Transient failures are retried
// until the signal aborts.
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopicsRequest, listOffsetsRequest, metadataRequest, type NewTopic, type TopicPartitions } from './wire/api.js';
import { KafkaRequestError, TOPIC_ALREADY_EXISTS, check, errorName, isRetriable } from './wire/errors.js';
import { BrokerSocket } from './wire/socket.js';

export interface BrokerAddress {
  host: string;
  port: number;
}

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

// Asks `pending` again (5 ms, doubling to 100 ms) until it names nothing left to wait for; when
// `signal` aborts, the error says what was still waited for.
async function until(signal: AbortSignal, pending: () => Promise<string | undefined>): Promise<void> {
  for (let delayMs = 5; ; delayMs = Math.min(delayMs * 2, 100)) {
    const waiting = await pending();
    if (waiting === undefined) return;
    if (signal.aborted) throw new KafkaRequestError(waiting);
    await sleep(delayMs, undefined, { signal }).catch(() => undefined);
  }
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
  await until(signal, async () => {
    const metadata = await socket.send(metadataRequest(names), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
    const waiting = metadata.topics.filter((t) => t.errorCode !== 0 || t.partitions.length === 0 || t.partitions.some((p) => p.errorCode !== 0 || p.leader < 0));
    if (waiting.length === 0 && metadata.topics.length === names.length) return undefined;
    return `topics without a leader: ${waiting.map((t) => `${t.name} (${errorName(t.errorCode)})`).join(', ')}`;
  });
}

// Waits until the broker lists itself in the metadata it serves: registered with the controller
// and unfenced, so it can lead the partitions of topics clients create.
async function registered(socket: BrokerSocket, signal: AbortSignal): Promise<void> {
  await until(signal, async () => {
    const metadata = await socket.send(metadataRequest([]), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
    return metadata.brokers.length > 0 ? undefined : 'the broker does not list itself in its metadata yet';
  });
}

// Waits until the leader of every partition of `topics` answers for it. A broker's metadata names
// a new partition's leader a moment before that leader serves it (produce and fetch would get
// NOT_LEADER_OR_FOLLOWER then); ListOffsets goes where they go and reads nothing.
async function served(socket: BrokerSocket, topics: readonly TopicPartitions[], signal: AbortSignal): Promise<void> {
  if (topics.length === 0) return;
  await until(signal, async () => {
    const offsets = await socket.send(listOffsetsRequest(topics), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
    const waiting = offsets.filter((p) => p.errorCode !== 0);
    if (waiting.length === 0) return undefined;
    const refused = waiting.find((p) => !isRetriable(p.errorCode));
    if (refused) check(refused.errorCode, `reading the offsets of ${refused.topic}-${refused.partition}`);
    return `partitions not served by their leader yet: ${waiting.map((p) => `${p.topic}-${p.partition} (${errorName(p.errorCode)})`).join(', ')}`;
  });
}

// Readiness of a broker the template started, through its host-facing listener (the advertised
// address clients will use): it lists itself, the listed topics exist, and the leader of each of
// their partitions serves it. Nothing is written: no topic of the template's own is left behind.
export async function prepareBroker(address: BrokerAddress, topics: readonly NewTopic[], signal: AbortSignal): Promise<void> {
  await retrying(`topics and their leaders on ${address.host}:${address.port}`, signal, async () => {
    const socket = await open([address], signal);
    try {
      await registered(socket, signal);
      await ensureTopicsOn(socket, topics, { signal });
      await served(socket, topics, signal);
    } finally {
      socket.close();
    }
  });
}

// Readiness of a broker that restarted: it lists itself, and the leader of every partition of
// every topic it holds (the listed ones, isolate()'s, the consumer offsets) serves it again.
export async function prepareRestarted(address: BrokerAddress, signal: AbortSignal): Promise<void> {
  await retrying(`the broker and the leaders of its topics on ${address.host}:${address.port}`, signal, async () => {
    const socket = await open([address], signal);
    try {
      await registered(socket, signal);
      const metadata = await socket.send(metadataRequest(null), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
      await served(socket, metadata.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.length })), signal);
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
