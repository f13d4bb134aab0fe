// `kafka({...})`: a single-node KRaft broker from the official image, advertised on a host port
// chosen before it starts, reachable by alias from its network, with topics made before it is
// ready; reusable, or brought by the environment.
import type { Container, Docker } from '@docker-wrapper/core';
import { DockerWrapperError } from '@docker-wrapper/core';
import { specHash } from '../hash.js';
import { launch, type Launched } from '../launch.js';
import { onHostPort, pickHostPort } from '../ports.js';
import { currentProject } from '../project.js';
import type { StartOptions, Template } from '../template.js';
import { prepareBroker } from './admin.js';
import { brokersFromEnv } from './brokers.js';
import { BROKER_PORT, INTERNAL_PORT, brokerBuilder, hostAndPort, newClusterId } from './builder.js';
import { serviceNetwork, type ServiceNetwork } from './network.js';
import { normalizeKafkaOptions, type KafkaOptions, type NormalizedKafkaOptions } from './options.js';
import { KafkaReadiness } from './readiness.js';
import { KafkaService, type KafkaConnection } from './service.js';
import { KafkaRequestError } from './wire/errors.js';

const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

class KafkaTemplate implements Template<KafkaConnection, KafkaService> {
  readonly kind = 'kafka';
  readonly options: Readonly<KafkaOptions>;
  readonly #normalized: NormalizedKafkaOptions;

  constructor(options: KafkaOptions) {
    this.#normalized = normalizeKafkaOptions(options);
    this.options = Object.freeze(structuredClone(options));
  }

  async start(docker: Docker, startOptions: StartOptions = {}): Promise<KafkaService> {
    const options = this.#normalized;
    const brought = brokersFromEnv();
    if (brought) return startBroughtByEnv(brought, options, startOptions.signal);
    // Everything that makes two brokers interchangeable; never the cluster id or a picked host port.
    // The project too: it names the reusable broker's network, which is the project's.
    // (Layout 2: brokers of layout 1 hold a readiness topic of the template's.)
    const reuseHash = specHash({
      kind: 'kafka', layout: 2, project: currentProject(), image: docker.images.resolve(options.image), host: docker.host, network: options.network ?? null,
      alias: options.alias, settings: options.settings, topics: options.topics, hostPort: options.hostPort ?? null,
    });
    // The broker starts on its network: one network endpoint, which its removal tears down faster
    // than two (a start on docker's bridge plus a connect to the network).
    const network = await serviceNetwork(docker, options.network, options.reuse ? reuseHash : undefined, options.image);
    try {
      const { container, reused, hostPort } = await launchOnFreePort(docker, options, network, reuseHash, startOptions.signal);
      return new KafkaService({
        brokers: [hostAndPort(container.host, hostPort)],
        internalBootstrapServers: `${options.alias}:${INTERNAL_PORT}`,
        network: network.name,
        topics: options.topics,
        container,
        reused,
        remove: async () => {
          // A reusable broker stays for the next run, whoever started it; prune() removes it.
          if (options.reuse || docker.keep) return;
          // The container (and with it the port) is gone when stop() returns; its network goes in
          // the background (about 200 ms of the engine's time), awaited by docker.close().
          await container.remove();
          docker.background(network.release());
        },
      });
    } catch (error) {
      await network.release().catch(() => undefined);
      throw error;
    }
  }
}

export interface LaunchedBroker extends Launched {
  /** The host port the broker advertises (and docker publishes) for clients on this machine. */
  hostPort: number;
}

// The advertised port must be known before the broker starts: the one asked for, or one picked
// here; if another process publishes a picked one first, docker refuses and the start is tried
// again with a new one. (Exported for the test that makes the first pick collide.)
export async function launchOnFreePort(
  docker: Docker, options: NormalizedKafkaOptions, network: ServiceNetwork, reuseHash: string, signal?: AbortSignal, pickPort: () => Promise<number> = pickHostPort,
): Promise<LaunchedBroker> {
  return onHostPort(options.hostPort, async (hostPort) => {
    const address = { host: docker.host, port: hostPort };
    const builder = brokerBuilder(options, { advertisedHost: docker.host, hostPort }, newClusterId())
      .network(network.name, { aliases: [options.alias] })
      .waitFor(new KafkaReadiness(address, options.topics));
    let reusedPort = hostPort;
    const launched = await launch(docker, {
      kind: 'kafka',
      builder,
      reuse: options.reuse,
      reuseHash,
      // A fresh broker was made ready by its wait strategy; a reused one gets its topics and the same checks.
      whenReused: async (container: Container) => {
        reusedPort = await prepareReused(container, options, signal);
      },
    }, signal);
    return { ...launched, hostPort: launched.reused ? reusedPort : hostPort };
  }, pickPort);
}

// The port in a broker's host-facing advertised listener (what its clients are sent to).
export function advertisedPort(env: Record<string, string>): number | undefined {
  const match = /(?:^|,)PLAINTEXT:\/\/[^,]*:(\d+)(?:,|$)/.exec(env.KAFKA_ADVERTISED_LISTENERS ?? '');
  return match ? Number(match[1]) : undefined;
}

// Readiness of a reused broker; returns its host port, read from its configuration rather than
// from docker's port table (which can lag behind a container that just started).
async function prepareReused(container: Container, options: NormalizedKafkaOptions, signal?: AbortSignal): Promise<number> {
  const timeout = AbortSignal.timeout(options.startupTimeout ?? DEFAULT_STARTUP_TIMEOUT_MS);
  const port = advertisedPort(container.info.env) ?? container.hostPort(BROKER_PORT);
  try {
    await prepareBroker({ host: container.host, port }, options.topics, signal ? AbortSignal.any([signal, timeout]) : timeout);
  } catch (error) {
    if (error instanceof KafkaRequestError) throw new DockerWrapperError('STARTUP_FAILED', `The reused Kafka container ${container.name} is not ready: ${error.message}`);
    throw error;
  }
  return port;
}

// Bring-your-own: no container; the listed topics are created on the given cluster.
async function startBroughtByEnv(brokers: string[], options: NormalizedKafkaOptions, signal?: AbortSignal): Promise<KafkaService> {
  const service = new KafkaService({
    brokers,
    internalBootstrapServers: brokers.join(','),
    network: undefined,
    topics: options.topics,
    container: undefined,
    reused: false,
    remove: async () => undefined,
  });
  if (options.topics.length > 0) await service.createTopics(options.topics, signal ? { signal } : {});
  return service;
}

/**
 * A Kafka service template: a single-node KRaft broker from the official `apache/kafka` image.
 * @example
 * const bus = await kafka({ topics: [{ name: 'orders', partitions: 3 }] }).start(docker);
 * bus.connection.brokers;          // ['127.0.0.1:49200'], reachable from this machine (kafkajs)
 * bus.connection.bootstrapServers; // '127.0.0.1:49200', the same comma-joined
 * bus.internalBootstrapServers;    // 'kafka:19092', reachable from containers on bus.network
 */
export function kafka(options: KafkaOptions = {}): Template<KafkaConnection, KafkaService> {
  return new KafkaTemplate(options);
}
