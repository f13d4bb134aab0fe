// Broker properties: the template's fast single-node defaults, the user's `settings`, and their
// KAFKA_* variables as the official image reads them (pure).
import { InvalidOptionError } from '@docker-wrapper/core';

/** A single-node broker for tests: no replication, one partition for internal topics, no delays. */
export const FAST_SETTINGS: Readonly<Record<string, string>> = {
  'offsets.topic.replication.factor': '1',
  'offsets.topic.num.partitions': '1',
  'transaction.state.log.replication.factor': '1',
  'transaction.state.log.min.isr': '1',
  'transaction.state.log.num.partitions': '1',
  'group.initial.rebalance.delay.ms': '0',
};

/** Properties the template sets itself: the listeners and the KRaft roles. */
export const MANAGED_SETTINGS = [
  'process.roles', 'node.id', 'controller.quorum.voters', 'controller.listener.names', 'listeners', 'advertised.listeners',
  'listener.security.protocol.map', 'inter.broker.listener.name',
] as const;

// Separators never next to each other, so the variable name reads back as the same property.
const PROPERTY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

// `offsets.topic.num.partitions` -> `KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS` (`_` -> `__`, `-` -> `___`).
export function propertyVariable(property: string): string {
  return `KAFKA_${property.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase()}`;
}

// The defaults with the user's settings over them, every value a string.
export function normalizeSettings(option: string, settings: unknown): Record<string, string> {
  if (settings === undefined) return { ...FAST_SETTINGS };
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw new InvalidOptionError(option, settings, "Expected broker properties like `{ 'auto.create.topics.enable': false }`.");
  const result: Record<string, string> = { ...FAST_SETTINGS };
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    if (!PROPERTY.test(key)) throw new InvalidOptionError(option, key, 'Expected a broker property name like `log.retention.ms`.');
    if ((MANAGED_SETTINGS as readonly string[]).includes(key)) throw new InvalidOptionError(`${option}.${key}`, value, 'The template sets the listeners and KRaft roles itself (see `alias` and `network`).');
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new InvalidOptionError(`${option}.${key}`, value, 'Expected a string, number or boolean.');
    // Each setting becomes one line of the broker's properties: a line break would add another
    // (one the template manages, say).
    if (/[\0\r\n]/.test(String(value))) throw new InvalidOptionError(`${option}.${key}`, value, 'Expected a value on one line.');
    result[key] = String(value);
  }
  return result;
}
