// Topic names and specs as Kafka accepts them, and the prefixes `isolate(key)` hands out (pure).
import { createHash } from 'node:crypto';
import { InvalidOptionError } from '@docker-wrapper/core';

/** A topic name, or a name with a partition count (default 1) and topic configs. */
export type TopicOption = string | { name: string; partitions?: number; config?: Record<string, string | number | boolean> };

export interface NormalizedTopic {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

const LEGAL = /^[a-zA-Z0-9._-]+$/;
export const MAX_TOPIC_LENGTH = 249;

// Throws unless Kafka would accept `name` as a topic name.
export function validateTopicName(option: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_TOPIC_LENGTH || !LEGAL.test(name) || name === '.' || name === '..') {
    throw new InvalidOptionError(option, name, `Expected a Kafka topic name: 1-${MAX_TOPIC_LENGTH} letters, digits, \`.\`, \`_\` or \`-\`, and not \`.\` or \`..\`.`);
  }
  return name;
}

function normalizeTopic(option: string, topic: unknown): NormalizedTopic {
  if (typeof topic === 'string') return { name: validateTopicName(option, topic), partitions: 1, config: {} };
  if (topic === null || typeof topic !== 'object' || Array.isArray(topic)) {
    throw new InvalidOptionError(option, topic, "Expected a topic name or `{ name, partitions?, config? }`, like `{ name: 'orders', partitions: 3 }`.");
  }
  const { name, partitions = 1, config = {}, ...rest } = topic as { name?: unknown; partitions?: unknown; config?: unknown };
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InvalidOptionError(`${option}.${unknown}`, (rest as Record<string, unknown>)[unknown], 'A topic has `name`, `partitions` and `config`.');
  if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1 || partitions > 2 ** 31 - 1) {
    throw new InvalidOptionError(`${option}.partitions`, partitions, 'Expected a whole number of partitions, at least 1.');
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new InvalidOptionError(`${option}.config`, config, "Expected topic configs like `{ 'cleanup.policy': 'compact' }`.");
  const configs: Record<string, string> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (!/^[a-z][a-z0-9.-]*$/.test(key)) throw new InvalidOptionError(`${option}.config`, key, 'Expected a topic config name like `retention.ms`.');
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new InvalidOptionError(`${option}.config.${key}`, value, 'Expected a string, number or boolean.');
    configs[key] = String(value);
  }
  return { name: validateTopicName(`${option}.name`, name), partitions, config: configs };
}

// Kafka treats `.` and `_` as the same character when it compares topic names (metric names).
function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

// The topics of `option`, each checked; names that Kafka would take for one another are refused.
export function normalizeTopics(option: string, topics: unknown): NormalizedTopic[] {
  if (topics === undefined) return [];
  if (!Array.isArray(topics)) throw new InvalidOptionError(option, topics, "Expected an array of topics, like `['events', { name: 'orders', partitions: 3 }]`.");
  const seen = new Map<string, string>();
  return topics.map((topic, index) => {
    const normalized = normalizeTopic(`${option}[${index}]`, topic);
    const clash = seen.get(collisionKey(normalized.name));
    if (clash !== undefined) {
      throw new InvalidOptionError(`${option}[${index}].name`, normalized.name, clash === normalized.name ? 'This topic is listed twice.' : `Kafka takes it for \`${clash}\` (\`.\` and \`_\` collide).`);
    }
    seen.set(collisionKey(normalized.name), normalized.name);
    return normalized;
  });
}

// The topic (and consumer group) prefix of an isolation key: the key when it is made of letters,
// digits and `-` (at most 64), else a cleaned, shortened key plus a hash of the key, so distinct
// keys never share one. `.` and `_` are left out of the key part: Kafka would take `a.b.x` and
// `a_b.x` for one another.
export function isolatedPrefix(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) throw new InvalidOptionError('isolate', key, 'Expected a non-empty string of at most 200 characters.');
  if (/^[a-zA-Z0-9-]{1,64}$/.test(key)) return `${key}.`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const clean = key.replace(/[^a-zA-Z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return `${clean ? `${clean}-` : ''}${hash}.`;
}
