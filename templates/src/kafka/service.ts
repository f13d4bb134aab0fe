// A running Kafka: its connection (plain data), the address other containers use, topic creation
// and per-key topic and consumer group prefixes.
import type { Container, WaitStrategy } from '@docker-wrapper/core';
import { DockerWrapperError, InvalidOptionError } from '@docker-wrapper/core';
import { ServiceBase } from '../service-base.js';
import { ensureTopics } from './admin.js';
import { parseBroker } from './brokers.js';
import { servingAgain } from './readiness.js';
import { MAX_TOPIC_LENGTH, isolatedPrefix, normalizeTopics, type NormalizedTopic, type TopicOption } from './topics.js';
import { KafkaRequestError } from './wire/errors.js';

export interface KafkaConnection {
  /** `host:port` of each broker, reachable from this machine: `['127.0.0.1:49200']` (kafkajs' `brokers`). */
  brokers: string[];
  /** The same, comma-joined: `bootstrap.servers` of most clients, environment variables, CLI flags. */
  bootstrapServers: string;
  /** Prefix for every topic name this connection uses: `''` for the service, `<key>.` from `isolate(key)`. */
  topicPrefix: string;
  /** Prefix for the consumer group ids this connection uses: `''` for the service, `<key>.` from `isolate(key)`. */
  groupPrefix: string;
}

const TOPIC_TIMEOUT_MS = 60_000;

export class KafkaService extends ServiceBase<KafkaConnection> {
  readonly kind = 'kafka';
  /** `alias:19092`: where containers on `network` reach the broker (the brokers themselves when brought by the environment). */
  readonly internalBootstrapServers: string;
  /** The network the broker is on (undefined when brought by the environment). */
  readonly network: string | undefined;
  readonly #topics: readonly NormalizedTopic[];

  constructor(args: {
    brokers: string[];
    internalBootstrapServers: string;
    network: string | undefined;
    topics: readonly NormalizedTopic[];
    container: Container | undefined;
    reused: boolean;
    remove: () => Promise<void>;
  }) {
    super({
      connection: { brokers: [...args.brokers], bootstrapServers: args.brokers.join(','), topicPrefix: '', groupPrefix: '' },
      container: args.container,
      reused: args.reused,
      remove: args.remove,
    });
    this.internalBootstrapServers = args.internalBootstrapServers;
    this.network = args.network;
    this.#topics = args.topics;
  }

  // Creates topics (names as given, no prefix); existing ones are left as they are.
  async createTopics(topics: TopicOption[], options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#ensure(normalizeTopics('createTopics', topics), options.signal);
  }

  // A topic prefix and a consumer group prefix of its own for `key` (same key, same prefixes), with
  // the template's topics created under it: `isolate('worker-1')` -> topicPrefix and groupPrefix
  // `worker-1.`, topic `worker-1.orders`.
  async isolate(key: string): Promise<KafkaConnection> {
    const topicPrefix = isolatedPrefix(key);
    const topics = this.#topics.map((topic) => ({ ...topic, name: `${topicPrefix}${topic.name}` }));
    const tooLong = topics.find((topic) => topic.name.length > MAX_TOPIC_LENGTH);
    if (tooLong) throw new InvalidOptionError('isolate', key, `The topic \`${tooLong.name}\` would be longer than ${MAX_TOPIC_LENGTH} characters; use a shorter key.`);
    await this.#ensure(topics);
    return { ...this.connection, brokers: [...this.connection.brokers], topicPrefix, groupPrefix: topicPrefix };
  }

  // After a restart: the broker (the one this service started) serves every topic it holds again.
  protected override readyAgain(): WaitStrategy {
    const address = parseBroker(this.connection.brokers[0] ?? '');
    if (!address) throw new DockerWrapperError('COMMAND_FAILED', `Kafka at ${this.connection.bootstrapServers}: no broker address to check after a restart.`);
    return servingAgain(address);
  }

  async #ensure(topics: NormalizedTopic[], signal?: AbortSignal): Promise<void> {
    const brokers = this.connection.brokers.map((text) => parseBroker(text)).filter((b) => b !== undefined);
    const budget = signal ? AbortSignal.any([signal, AbortSignal.timeout(TOPIC_TIMEOUT_MS)]) : AbortSignal.timeout(TOPIC_TIMEOUT_MS);
    try {
      await ensureTopics(brokers, topics, budget);
    } catch (error) {
      if (error instanceof KafkaRequestError) throw new DockerWrapperError('COMMAND_FAILED', `Kafka at ${this.connection.bootstrapServers}: ${error.message}`);
      throw error;
    }
  }
}
