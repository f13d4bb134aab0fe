// Checks of `Docker.connect()` options, made before any docker process starts: unknown keys get a
// "did you mean", and every value is of its kind (a misspelt `contxt` would silently use the
// default engine; a `bindAddress` or `binary` of the wrong kind would reach a docker process).
import { InvalidOptionError } from '../errors.js';
import { TRANSPORTS } from '../transport/choose.js';
import { validateImageReference, validateRegistryPrefix } from './image-reference.js';
import { didYouMean } from './suggest.js';
import { validateFlag, validateIp, validateLabelKey, validateValue } from './validate.js';

const KNOWN = [
  'binary', 'host', 'context', 'sessionId', 'labels', 'imageMap', 'registryPrefix', 'bindAddress', 'keep', 'reaper',
  'handleSignals', 'transport', 'connectTimeoutMs', 'env', 'log',
] as const;
/** docker's own rule for context names. */
const CONTEXT = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function validateRecordOption(option: string, value: unknown, example: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new InvalidOptionError(option, value, `Expected an object, like \`${example}\`.`);
  return value;
}

// Refuses what `Docker.connect()` cannot use, naming the option and showing the value. `prefix`
// names where the options were written (`dockerServices.docker.`), for the adapters' own checks.
export function validateConnectOptions(options: unknown, prefix = ''): void {
  if (!isRecord(options)) throw new InvalidOptionError(prefix ? prefix.replace(/\.$/, '') : 'Docker.connect() options', options, 'Expected the options of `Docker.connect()`, like `{ context: "remote" }`.');
  const option = (name: string) => `${prefix}${name}`;
  for (const key of Object.keys(options)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new InvalidOptionError(option(key), options[key], `Docker.connect() has no such option.${didYouMean(key, KNOWN)} Known options: ${KNOWN.join(', ')}.`);
    }
  }
  const { connectTimeoutMs, sessionId, host, context, binary, bindAddress } = options;
  if (connectTimeoutMs !== undefined && (typeof connectTimeoutMs !== 'number' || !(connectTimeoutMs > 0))) {
    throw new InvalidOptionError(option('connectTimeoutMs'), connectTimeoutMs, 'Expected a positive number of milliseconds.');
  }
  if (sessionId !== undefined && (typeof sessionId !== 'string' || !/^[a-zA-Z0-9_.-]{1,64}$/.test(sessionId))) {
    throw new InvalidOptionError(option('sessionId'), sessionId, 'Expected 1-64 letters, digits, `_`, `.` or `-`.');
  }
  if (host !== undefined && (typeof host !== 'string' || !/^(unix|tcp|ssh|npipe|http|https):\/\/[^\s\0]*$/.test(host))) {
    throw new InvalidOptionError(option('host'), host, 'Expected an endpoint like `unix:///var/run/docker.sock`, `tcp://host:2375` or `ssh://user@host`.');
  }
  if (context !== undefined && (typeof context !== 'string' || !CONTEXT.test(context))) {
    throw new InvalidOptionError(option('context'), context, 'Expected the name of a docker context (`docker context ls`), like `remote`.');
  }
  if (host && context) throw new InvalidOptionError(option('context'), context, 'Give either `host` or `context`, not both.');
  if (binary !== undefined && (typeof binary !== 'string' || binary === '' || binary.startsWith('-') || binary.includes('\0'))) {
    throw new InvalidOptionError(option('binary'), binary, 'Expected the path (or the name on PATH) of the docker binary, like `/usr/bin/docker`.');
  }
  if (bindAddress !== undefined) validateIp(option('bindAddress'), bindAddress);
  if (options.transport !== undefined && !TRANSPORTS.includes(options.transport as string)) {
    throw new InvalidOptionError(option('transport'), options.transport, "Expected 'api' or 'cli'.");
  }
  for (const key of ['keep', 'reaper', 'handleSignals'] as const) if (options[key] !== undefined) validateFlag(option(key), options[key]);
  for (const [key, value] of Object.entries(validateRecordOption(option('labels'), options.labels, '{ team: "payments" }') ?? {})) {
    validateLabelKey(option('labels'), key);
    validateValue(option(`labels.${key}`), value);
    // Session labels go on named volumes too, through `--mount`'s CSV, which turns CRLF into LF.
    if (/[\r\n]/.test(value as string)) throw new InvalidOptionError(option(`labels.${key}`), value, 'Expected a value on one line.');
  }
  for (const [from, to] of Object.entries(validateRecordOption(option('imageMap'), options.imageMap, '{ postgres: "mirror.local/postgres" }') ?? {})) {
    validateImageReference(option('imageMap key'), from);
    validateImageReference(option(`imageMap[${JSON.stringify(from)}]`), to);
  }
  validateRegistryPrefix(option('registryPrefix'), options.registryPrefix);
  validateRecordOption(option('env'), options.env, 'process.env');
  if (options.log !== undefined && typeof options.log !== 'function') throw new InvalidOptionError(option('log'), options.log, 'Expected a function, like `(message) => console.warn(message)`.');
}
