// The broker container: a single-node KRaft broker+controller with a host-facing listener that
// advertises the published host port, and an INTERNAL one that advertises the network alias.
import { randomUUID } from 'node:crypto';
import { ContainerBuilder } from '@docker-wrapper/core';
import type { NormalizedKafkaOptions } from './options.js';
import { propertyVariable } from './settings.js';

export const BROKER_PORT = 9092;
export const INTERNAL_PORT = 19092;
const CONTROLLER_PORT = 9093;
export const READY_LINE = 'Kafka Server started';

export interface BrokerPlacement {
  /** Where clients outside docker reach the broker (the engine's host). */
  advertisedHost: string;
  /** The host port published for 9092, chosen before the container starts. */
  hostPort: number;
}

// `host:port`, with brackets around an IPv6 host.
export function hostAndPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

// A fresh KRaft cluster id: the 16 bytes of a random UUID in unpadded base64url (22 characters),
// never starting with `-` (the storage tool would read it as an option).
export function newClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

// The broker properties the template owns, as KAFKA_* variables.
export function listenerVariables(options: Pick<NormalizedKafkaOptions, 'alias'>, placement: BrokerPlacement): Record<string, string> {
  return {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_LISTENERS: `PLAINTEXT://:${BROKER_PORT},INTERNAL://:${INTERNAL_PORT},CONTROLLER://:${CONTROLLER_PORT}`,
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${hostAndPort(placement.advertisedHost, placement.hostPort)},INTERNAL://${options.alias}:${INTERNAL_PORT}`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
  };
}

// The container description (the template adds readiness, and attaches the network meanwhile).
export function brokerBuilder(options: NormalizedKafkaOptions, placement: BrokerPlacement, clusterId: string): ContainerBuilder {
  const settings = Object.fromEntries(Object.entries(options.settings).map(([key, value]) => [propertyVariable(key), value]));
  let builder = new ContainerBuilder(options.image)
    .env({ ...settings, ...listenerVariables(options, placement), CLUSTER_ID: clusterId })
    .port(BROKER_PORT, { hostPort: placement.hostPort })
    // The JVM's start is CPU-bound: when services start side by side on few cores, the slowest one
    // gets the larger share (a weight; it limits nothing on an idle machine).
    .cpuShares(4096);
  if (options.startupTimeout !== undefined) builder = builder.startupTimeout(options.startupTimeout);
  if (options.pull) builder = builder.pull(options.pull);
  return builder;
}
