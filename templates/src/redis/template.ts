// `redis({...})`: a Redis service with a random password by default, ready when it answers PING
// from the host.
import type { Container, Docker } from '@docker-wrapper/core';
import { ContainerBuilder, InvalidOptionError, validateImageReference } from '@docker-wrapper/core';
import { BYO_ENV, urlFromEnv } from '../bring-your-own.js';
import { specHash } from '../hash.js';
import { launch } from '../launch.js';
import { rejectUnknownOptions, validateBoolean, validateHostPort, validateOptionalString, validateTimeout, validateVersion } from '../options.js';
import { onHostPort } from '../ports.js';
import { randomPassword } from '../secrets.js';
import type { CommonOptions, StartOptions, Template } from '../template.js';
import { REDIS_PORT, ping, pingWait } from './ready.js';
import { send } from './resp.js';
import { RedisService, redisUrl, type RedisConnection } from './service.js';

export interface RedisOptions extends CommonOptions {
  /** Version of the official image (default `7`). */
  version?: string;
  /** Random per start unless given; `null` for no password. */
  password?: string | null;
  /** Extra `redis-server` arguments, e.g. `['--maxmemory', '64mb']`. */
  args?: string[];
}

/** The version of the official image when none is given. */
export const DEFAULT_VERSION = '7';

const KNOWN = ['version', 'image', 'password', 'args', 'reuse', 'startupTimeout', 'pull', 'hostPort'] as const;

function fromEnv(): RedisService | undefined {
  const url = urlFromEnv(BYO_ENV.redis, ['redis:', 'rediss:']);
  if (!url) return undefined;
  const base = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379), password: url.password ? decodeURIComponent(url.password) : undefined, database: Number(url.pathname.slice(1) || 0) };
  return new RedisService({ connection: { ...base, keyPrefix: '', url: redisUrl(base) }, container: undefined, reused: false, remove: async () => undefined });
}

class RedisTemplate implements Template<RedisConnection, RedisService> {
  readonly kind = 'redis';
  readonly options: Readonly<RedisOptions>;
  readonly #image: string;
  readonly #args: string[];

  constructor(options: RedisOptions) {
    rejectUnknownOptions('redis', options, KNOWN);
    const version = validateVersion('redis.version', options.version ?? DEFAULT_VERSION);
    this.#image = options.image !== undefined ? validateImageReference('redis.image', options.image) : `redis:${version}`;
    if (options.password !== null) validateOptionalString('redis.password', options.password);
    if (options.args !== undefined && (!Array.isArray(options.args) || options.args.some((a) => typeof a !== 'string'))) {
      throw new InvalidOptionError('redis.args', options.args, 'Expected an array of strings.');
    }
    this.#args = [...(options.args ?? [])];
    validateBoolean('redis.reuse', options.reuse, false);
    validateTimeout('redis.startupTimeout', options.startupTimeout);
    validateHostPort('redis.hostPort', options.hostPort);
    this.options = Object.freeze({ ...options });
  }

  async start(docker: Docker, startOptions: StartOptions = {}): Promise<RedisService> {
    const byo = fromEnv();
    if (byo) return byo;
    const password = this.options.password === null ? undefined : (this.options.password ?? randomPassword());
    if (password) docker.executor.redactor.add(password);
    // No persistence: a test cache needs none, and it keeps start and flush fast.
    const command = ['redis-server', '--save', '', '--appendonly', 'no', ...(password ? ['--requirepass', password] : []), ...this.#args];
    // Ready = PING answers through the published port: polled from here, no docker process.
    let builder = new ContainerBuilder(this.#image).command(command).waitFor(pingWait(password));
    if (password) builder = builder.env('REDIS_PASSWORD', password, { secret: true });
    if (this.options.startupTimeout !== undefined) builder = builder.startupTimeout(this.options.startupTimeout);
    if (this.options.pull) builder = builder.pull(this.options.pull);
    let connectionPassword = password;
    const { container, reused, persistent } = await onHostPort(this.options.hostPort, (hostPort) => launch(docker, {
      kind: 'redis',
      builder: builder.port(REDIS_PORT, { hostPort }),
      reuse: this.options.reuse ?? false,
      reuseHash: specHash({ kind: 'redis', image: this.#image, args: this.#args, password: this.options.password ?? (this.options.password === null ? null : 'random'), hostPort: this.options.hostPort ?? null }),
      whenReused: async (c: Container) => {
        if (password) {
          connectionPassword = c.envValue('REDIS_PASSWORD') ?? password;
          docker.executor.redactor.add(connectionPassword);
        }
        await ping(c.host, c.hostPort(REDIS_PORT), connectionPassword);
      },
    }, startOptions.signal));
    const base = { host: container.host, port: container.hostPort(REDIS_PORT), password: connectionPassword, database: 0 };
    return new RedisService({
      connection: { ...base, keyPrefix: '', url: redisUrl(base) },
      container,
      reused,
      remove: async () => {
        if (persistent || docker.keep) return;
        // The server exits at once on SHUTDOWN (sent from here, no docker process), so it is gone
        // while the docker CLI still starts up; `rm -f` then finds little left to stop.
        send(base.host, base.port, [...(connectionPassword ? [['AUTH', connectionPassword]] : []), ['SHUTDOWN', 'NOSAVE']]).catch(() => undefined);
        await container.remove();
      },
    });
  }
}

/**
 * A Redis service template.
 * @example
 * const cache = await redis().start(docker);
 * cache.connection.url; // redis://:...@127.0.0.1:49160/0
 */
export function redis(options: RedisOptions = {}): Template<RedisConnection, RedisService> {
  return new RedisTemplate(options);
}
