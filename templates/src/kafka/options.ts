// Kafka template options: plain data, checked when the template is made (before any container).
import { InvalidOptionError, validateImageReference } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateBoolean, validateHostPort, validateTimeout, validateVersion } from '../options.js';
import type { CommonOptions } from '../template.js';
import { normalizeSettings } from './settings.js';
import { normalizeTopics, type NormalizedTopic, type TopicOption } from './topics.js';

export interface KafkaOptions extends CommonOptions {
  /** Version of the official `apache/kafka` image (default `3.9.1`). */
  version?: string;
  /** Topics that exist (with every partition led) before `start()` resolves. */
  topics?: TopicOption[];
  /** An existing network to join; by default a network is made for the service. */
  network?: string;
  /** The broker's name on its network, in `internalBootstrapServers` (default `kafka`). */
  alias?: string;
  /** More broker properties, like `{ 'auto.create.topics.enable': false }`. */
  settings?: Record<string, string | number | boolean>;
}

export interface NormalizedKafkaOptions {
  image: string;
  topics: NormalizedTopic[];
  network: string | undefined;
  alias: string;
  /** Broker properties (defaults for a fast single-node test broker, then the user's). */
  settings: Record<string, string>;
  reuse: boolean;
  startupTimeout: number | undefined;
  pull: CommonOptions['pull'];
  /** The host port asked for (undefined: one is picked at start). */
  hostPort: number | undefined;
}

export const DEFAULT_VERSION = '3.9.1';
const KNOWN = ['version', 'image', 'topics', 'network', 'alias', 'settings', 'reuse', 'startupTimeout', 'pull', 'hostPort'] as const;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

function validateName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) throw new InvalidOptionError(option, value, 'Expected a name of letters, digits, `_`, `.` or `-` (at most 63), starting with a letter or digit.');
  return value;
}

// Checks every option and fills in the defaults; throws before anything starts.
export function normalizeKafkaOptions(options: KafkaOptions): NormalizedKafkaOptions {
  rejectUnknownOptions('kafka', options, KNOWN);
  const version = validateVersion('kafka.version', options.version ?? DEFAULT_VERSION);
  if (options.pull !== undefined && !['missing', 'always', 'never'].includes(options.pull)) throw new InvalidOptionError('kafka.pull', options.pull, 'Expected `missing`, `always` or `never`.');
  return {
    image: options.image !== undefined ? validateImageReference('kafka.image', options.image) : `apache/kafka:${version}`,
    topics: normalizeTopics('kafka.topics', options.topics),
    network: options.network === undefined ? undefined : validateName('kafka.network', options.network),
    alias: validateName('kafka.alias', options.alias ?? 'kafka'),
    settings: normalizeSettings('kafka.settings', options.settings),
    reuse: validateBoolean('kafka.reuse', options.reuse, false),
    startupTimeout: validateTimeout('kafka.startupTimeout', options.startupTimeout),
    pull: options.pull,
    hostPort: validateHostPort('kafka.hostPort', options.hostPort),
  };
}
