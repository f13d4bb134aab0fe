// Options of `service(builder, options)`: checked when the template is made.
import type { Container, PullPolicy } from '@docker-wrapper/core';
import { ContainerBuilder, InvalidOptionError } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateBoolean, validateTimeout } from '../options.js';

/** The connection of a service made without `connection`: its host and each published port. */
export interface GenericConnection {
  host: string;
  /** Host port of each published container port: `{ 8025: 49153 }`. */
  ports: Record<number, number>;
}

export interface ServiceOptions<C> {
  /** The service's kind in labels, errors and diagnostics (default: the image's name, like `mailpit`). */
  kind?: string;
  /** Plain, serialisable connection data from the started container (default `{ host, ports }`). */
  connection?: (container: Container) => C;
  /** A connection of its own for `key` (default: the same connection for every key, shared). */
  isolate?: (connection: C, key: string) => C | Promise<C>;
  /** Reuse a running container with the same spec, across processes and runs (default false). */
  reuse?: boolean;
  /** One budget for pull, create, start and readiness in ms (default: the builder's, else 60 000). */
  startupTimeout?: number;
  pull?: PullPolicy;
  /** Bring-your-own: when this variable is set, no container starts and the connection comes from it. */
  byoEnv?: string;
  /** The connection from `byoEnv`'s value (default for `{ host, ports }` with one port: parsed as a URL). */
  fromEnv?: (value: string) => C;
}

const KNOWN = ['kind', 'connection', 'isolate', 'reuse', 'startupTimeout', 'pull', 'byoEnv', 'fromEnv'] as const;
const PULL = ['missing', 'always', 'never'];

export function validateServiceArguments(builder: unknown, options: unknown): asserts builder is ContainerBuilder {
  if (!(builder instanceof ContainerBuilder)) {
    throw new InvalidOptionError('service(builder)', builder, 'Expected a `new ContainerBuilder(image)` from @docker-wrapper/core, like `service(new ContainerBuilder(\'axllent/mailpit\').port(8025))`.');
  }
  rejectUnknownOptions('service', options, KNOWN);
  const given = options as Record<string, unknown>;
  for (const key of ['connection', 'isolate', 'fromEnv'] as const) {
    if (given[key] !== undefined && typeof given[key] !== 'function') throw new InvalidOptionError(`service.${key}`, given[key], 'Expected a function.');
  }
  if (given.kind !== undefined && (typeof given.kind !== 'string' || !/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(given.kind))) {
    throw new InvalidOptionError('service.kind', given.kind, 'Expected lower-case letters, digits, `_`, `.` or `-` (at most 63).');
  }
  validateBoolean('service.reuse', given.reuse, false);
  validateTimeout('service.startupTimeout', given.startupTimeout);
  if (given.pull !== undefined && !PULL.includes(given.pull as string)) throw new InvalidOptionError('service.pull', given.pull, `Expected one of ${PULL.join(', ')}.`);
  if (given.byoEnv !== undefined && (typeof given.byoEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(given.byoEnv))) {
    throw new InvalidOptionError('service.byoEnv', given.byoEnv, 'Expected an environment variable name like `MAIL_URL`.');
  }
  if (given.byoEnv !== undefined && given.fromEnv === undefined && (given.connection !== undefined || builder.spec.ports.length !== 1)) {
    throw new InvalidOptionError('service.byoEnv', given.byoEnv, 'Give `fromEnv: (value) => connection` too: the default reads a URL into `{ host, ports }` and needs the default connection and exactly one published port.');
  }
}

// `axllent/mailpit:v1.2` -> `mailpit`.
export function kindOfImage(image: string): string {
  const name = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '').split('/').at(-1) ?? 'service';
  return name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').slice(0, 63) || 'service';
}
