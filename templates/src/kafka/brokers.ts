// Broker address lists: `host:port` strings in and out, and the bring-your-own list from
// DOCKER_WRAPPER_KAFKA_BROKERS (pure apart from reading the environment).
import { InvalidOptionError } from '@docker-wrapper/core';
import { BYO_ENV } from '../bring-your-own.js';
import type { BrokerAddress } from './admin.js';

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9._-]+):(\d{1,5})$/;

// `host:port` or `[v6]:port` -> { host, port }; undefined when it is neither.
export function parseBroker(text: string): BrokerAddress | undefined {
  const match = HOST_PORT.exec(text.trim());
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

// The brokers listed in DOCKER_WRAPPER_KAFKA_BROKERS (`host:port` pairs separated by commas);
// undefined when the variable is unset or empty.
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const value = env[BYO_ENV.kafka]?.trim();
  if (!value) return undefined;
  const brokers = value.split(',').map((item) => item.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (!parseBroker(broker)) throw new InvalidOptionError(BYO_ENV.kafka, broker, 'Expected `host:port` pairs separated by commas, like `localhost:9092,broker-2:9092`.');
  }
  return brokers;
}
