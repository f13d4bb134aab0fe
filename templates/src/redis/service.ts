// A running Redis: its connection, per-key logical databases, flush, restart.
import { InvalidOptionError, type WaitStrategy } from '@docker-wrapper/core';
import { ServiceBase } from '../service-base.js';
import { pingWait } from './ready.js';
import { send, type Reply } from './resp.js';

export interface RedisConnection {
  host: string;
  port: number;
  password: string | undefined;
  /** Logical database number. */
  database: number;
  /** Prefix this connection's keys should carry ('' for the main connection). */
  keyPrefix: string;
  /** `redis://:password@host:port/database` */
  url: string;
}

export function redisUrl(c: Omit<RedisConnection, 'url' | 'keyPrefix'>): string {
  const auth = c.password ? `:${encodeURIComponent(c.password)}@` : '';
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `redis://${auth}${host}:${c.port}/${c.database}`;
}

const DATABASES = 16;
// Gives each key a logical database (1..15) once, atomically, shared by every process.
const ASSIGN = [
  "local n = redis.call('HGET', KEYS[1], ARGV[1])",
  'if n then return tonumber(n) end',
  "n = redis.call('INCR', KEYS[2])",
  "redis.call('HSET', KEYS[1], ARGV[1], n)",
  'return n',
].join('\n');

export class RedisService extends ServiceBase<RedisConnection> {
  readonly kind = 'redis';

  // Runs commands (authenticated, in the main database) and returns their replies.
  async command(...commands: string[][]): Promise<Reply[]> {
    const auth = this.connection.password ? [['AUTH', this.connection.password]] : [];
    const replies = await send(this.connection.host, this.connection.port, [...auth, ['SELECT', String(this.connection.database)], ...commands]);
    const failed = replies.find((reply) => reply instanceof Error);
    if (failed) throw failed;
    return replies.slice(auth.length + 1);
  }

  // A logical database of its own for `key` (1..15, the same for the same key in every process);
  // past 15 keys, database 0 with the key as prefix.
  async isolate(key: string): Promise<RedisConnection> {
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) throw new InvalidOptionError('isolate', key, 'Expected a non-empty string of at most 200 characters.');
    const [assigned] = await this.command(['EVAL', ASSIGN, '2', 'docker-wrapper:isolation', 'docker-wrapper:isolation:next', key]);
    const number = Number(assigned);
    const database = number < DATABASES ? number : 0;
    const keyPrefix = database === 0 ? `${key}:` : '';
    return { ...this.connection, database, keyPrefix, url: redisUrl({ ...this.connection, database }) };
  }

  // Removes every key in every database.
  async flush(): Promise<void> {
    await this.command(['FLUSHALL']);
  }

  protected override readyAgain(): WaitStrategy {
    return pingWait(this.connection.password);
  }
}
