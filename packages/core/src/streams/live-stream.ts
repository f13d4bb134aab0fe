// A stream that listens from the moment it is made: its source (one docker process) starts at
// once, and what arrives before the consumer asks waits in order until it does, so nothing between
// creation and the first read is lost and nothing comes twice. It ends on `break`/`return()` (also
// before the first read), when its signal aborts, at `close()` of its session, or when docker ends.
import type { OpenStreams } from './open-streams.js';
import { ProcessHold } from './process-hold.js';

// Items kept for a consumer that does not read; then the source pauses (docker waits on its pipe).
const HIGH_WATER = 10_000;

interface Waiter<T> {
  resolve: (result: IteratorResult<T, void>) => void;
  reject: (error: unknown) => void;
}

export interface LiveStreamOptions {
  /** Ends the stream (and kills its docker process). */
  signal?: AbortSignal | undefined;
  /** The session's open streams: it closes this one at `docker.close()`. */
  openStreams?: OpenStreams | undefined;
}

/**
 * An async iterable of a docker process's output that is already listening. Read it with
 * `for await`; end it with `break`, `return()`, `close()`, `await using`, or the signal.
 */
export class LiveStream<T> implements AsyncGenerator<T, void, undefined>, AsyncDisposable {
  readonly #controller = new AbortController();
  readonly #hold = new ProcessHold();
  readonly #buffer: T[] = [];
  readonly #waiters: Waiter<T>[] = [];
  readonly #pumping: Promise<void>;
  #failure: { error: unknown } | undefined;
  #ended = false;
  #resume: (() => void) | undefined;

  // Starts `source` now with the stream's signal (the user's, or close()) and its process hold.
  constructor(source: (signal: AbortSignal, hold: ProcessHold) => AsyncIterable<T>, options: LiveStreamOptions = {}) {
    const signal = options.signal ? AbortSignal.any([options.signal, this.#controller.signal]) : this.#controller.signal;
    const forget = options.openStreams?.add(() => this.close());
    this.#pumping = this.#pump(source(signal, this.#hold)).finally(() => forget?.());
  }

  /** Items received and not read yet. */
  get buffered(): number {
    return this.#buffer.length;
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.#buffer.length > 0) {
      const value = this.#buffer.shift() as T;
      this.#resumeSource();
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) {
      const failure = this.#failure;
      this.#failure = undefined;
      return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#hold.wanted = true;
    });
  }

  // Ends the stream (kills its docker process and waits for it); unread items are dropped.
  async return(): Promise<IteratorResult<T, void>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T, void>> {
    await this.close();
    throw error;
  }

  // Ends the stream: kills its docker process and waits until it is gone.
  async close(): Promise<void> {
    // Held until the process is gone, so a script that awaits close() goes on after it.
    if (!this.#ended) this.#hold.wanted = true;
    this.#controller.abort();
    this.#buffer.length = 0;
    this.#resumeSource();
    await this.#pumping;
    this.#failure = undefined;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #pump(items: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of items) {
        const waiter = this.#waiters.shift();
        if (waiter) {
          if (this.#waiters.length === 0) this.#hold.wanted = false;
          waiter.resolve({ value: item, done: false });
        } else if (!this.#controller.signal.aborted) {
          this.#buffer.push(item);
          if (this.#buffer.length >= HIGH_WATER) await new Promise<void>((resolve) => (this.#resume = resolve));
        }
      }
    } catch (error) {
      this.#failure = { error };
    } finally {
      this.#ended = true;
      this.#hold.wanted = false;
      // Waiters exist only when nothing is buffered: the first gets the error, if any.
      for (const waiter of this.#waiters.splice(0)) {
        const failure = this.#failure;
        this.#failure = undefined;
        if (failure) waiter.reject(failure.error);
        else waiter.resolve({ value: undefined, done: true });
      }
    }
  }

  #resumeSource(): void {
    if (this.#buffer.length >= HIGH_WATER) return;
    this.#resume?.();
    this.#resume = undefined;
  }
}
