// A background reader of a container's stats: it keeps a bounded window of samples and answers
// "average CPU over the last minute", "peak memory" at any time, until stop() kills its process.
import { DockerWrapperError } from '../errors.js';
import type { OpenStreams } from './open-streams.js';
import type { SampleWindow, StatsSummary } from './sample-window.js';
import type { StatsSample } from './stats-parse.js';

export type { MonitorOptions } from './sample-window.js';

interface Waiter {
  count: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// Made by `docker.stats.monitor()`; reads samples until stop().
export class StatsMonitor implements AsyncDisposable {
  readonly #samples: SampleWindow;
  readonly #controller = new AbortController();
  readonly #waiters = new Set<Waiter>();
  readonly #done: Promise<void>;
  #error: unknown;
  #ended = false;

  // Reads `source` (given the monitor's stop signal) into `samples` until stopped; from now on
  // (the source's process starts before the constructor returns). `openStreams`: the session's,
  // whose close() stops the monitor.
  constructor(source: (signal: AbortSignal) => AsyncIterable<StatsSample>, samples: SampleWindow, openStreams?: OpenStreams) {
    this.#samples = samples;
    const forget = openStreams?.add(() => this.stop());
    this.#done = this.#run(source).finally(() => forget?.());
  }

  async #run(source: (signal: AbortSignal) => AsyncIterable<StatsSample>): Promise<void> {
    try {
      for await (const sample of source(this.#controller.signal)) {
        this.#samples.add(sample);
        for (const waiter of this.#waiters) if (this.#samples.size >= waiter.count) waiter.resolve();
      }
    } catch (error) {
      if (!this.#controller.signal.aborted) this.#error = error;
    } finally {
      this.#ended = true;
      const why = this.#error ?? new DockerWrapperError('STREAM_FAILED', 'The stats monitor ended (stopped, or its container was removed) before enough samples arrived.');
      for (const waiter of this.#waiters) waiter.reject(why);
    }
  }

  /** True until stop() or the end of the stream (container removed, docker failed). */
  get running(): boolean {
    return !this.#ended;
  }

  /** Why the stream ended, if docker failed (a `DockerCommandError`); undefined otherwise. */
  get error(): unknown {
    return this.#error;
  }

  // The newest sample of the running container.
  latest(): StatsSample | undefined {
    return this.#samples.latest();
  }

  // The samples of the last `windowMs` (default: the whole window), oldest first.
  samples(windowMs?: number): StatsSample[] {
    return this.#samples.samples(this.#range(windowMs));
  }

  // Average CPU (percent of one core) over the last `windowMs`; undefined without samples.
  avgCpuPercent(windowMs?: number): number | undefined {
    return this.summary(windowMs).avgCpuPercent ?? undefined;
  }

  peakCpuPercent(windowMs?: number): number | undefined {
    return this.summary(windowMs).peakCpuPercent ?? undefined;
  }

  avgMemoryBytes(windowMs?: number): number | undefined {
    return this.summary(windowMs).avgMemoryBytes ?? undefined;
  }

  // Highest memory use over the last `windowMs`; undefined without samples.
  peakMemoryBytes(windowMs?: number): number | undefined {
    return this.summary(windowMs).peakMemoryBytes ?? undefined;
  }

  // Every aggregate over the last `windowMs` at once (JSON-able).
  summary(windowMs?: number): StatsSummary {
    return this.#samples.summary(this.#range(windowMs));
  }

  // Resolves once the window holds `count` samples; rejects if the stream ends first or on timeout.
  waitForSamples(count: number, options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.#samples.size >= count) return Promise.resolve();
    if (this.#ended) return Promise.reject(this.#error ?? new DockerWrapperError('STREAM_FAILED', 'The stats monitor has ended.'));
    const timeoutMs = options.timeoutMs ?? 30_000;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new DockerWrapperError('COMMAND_TIMEOUT', `No ${count} stats samples within ${timeoutMs} ms (got ${this.#samples.size}).`))), timeoutMs);
      timer.unref();
      const settle = (then: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        then();
      };
      const waiter: Waiter = { count, resolve: () => settle(resolve), reject: (error) => settle(() => reject(error)) };
      this.#waiters.add(waiter);
    });
  }

  // Stops sampling and kills the docker process; the samples stay readable.
  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #range(windowMs: number | undefined): { since: number } {
    return { since: Date.now() - (windowMs ?? this.#samples.windowMs) };
  }
}
