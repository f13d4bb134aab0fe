// The e2e app's cache: read-through JSON values in Redis with a time to live.
import { Redis } from 'ioredis';

export class Cache {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(url: string, prefix = '') {
    this.#redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    // Commands report connection errors themselves; the client's own event would go unhandled.
    this.#redis.on('error', () => undefined);
    this.#prefix = prefix;
  }

  async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const cached = await this.#redis.get(this.#prefix + key);
    if (cached !== null) return JSON.parse(cached) as T;
    const value = await load();
    await this.#redis.set(this.#prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
    return value;
  }

  ttl(key: string): Promise<number> {
    return this.#redis.ttl(this.#prefix + key);
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
