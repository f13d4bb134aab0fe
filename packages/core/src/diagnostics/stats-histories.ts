// The recorder's stats: one monitor (one `docker stats` process) per running container, at most
// `maxMonitors` at once, each filling a bounded history that outlives the container.
import { StatsMonitor } from '../streams/monitor.js';
import { SampleWindow, type StatsSummary, type TimeRange } from '../streams/sample-window.js';
import type { StatsSample } from '../streams/stats-parse.js';

interface History {
  samples: SampleWindow;
  monitor?: StatsMonitor;
  note?: string;
}

export interface StatsHistoriesOptions {
  enabled: boolean;
  maxSamples: number;
  maxMonitors: number;
  maxContainers: number;
  /** The live samples of one container (`docker.stats.stream(id, { signal })`). */
  stream: (id: string, signal: AbortSignal) => AsyncIterable<StatsSample>;
}

// Samples are kept by count (`maxSamples`); this only bounds how old they may get.
const HISTORY_MS = 24 * 3600_000;

// Starts and stops per-container monitors and keeps their samples.
export class StatsHistories {
  readonly #options: StatsHistoriesOptions;
  readonly #histories = new Map<string, History>();
  readonly #stopping = new Set<Promise<void>>();
  #closed = false;

  constructor(options: StatsHistoriesOptions) {
    this.#options = options;
  }

  // Starts sampling a container that started (again); its history carries on.
  watch(id: string): void {
    if (!this.#options.enabled || this.#closed) return;
    let history = this.#histories.get(id);
    if (!history) {
      history = { samples: new SampleWindow({ window: HISTORY_MS, maxSamples: this.#options.maxSamples }) };
      this.#histories.set(id, history);
      this.#forgetOld();
    }
    if (history.monitor?.running) return;
    const active = [...this.#histories.values()].filter((h) => h.monitor?.running).length;
    if (active >= this.#options.maxMonitors) {
      history.note = `not sampled: ${this.#options.maxMonitors} other containers were being sampled (maxMonitors)`;
      return;
    }
    delete history.note;
    history.monitor = new StatsMonitor((signal) => this.#options.stream(id, signal), history.samples);
  }

  // Stops sampling a container that died or was removed (its samples stay).
  unwatch(id: string): void {
    const monitor = this.#histories.get(id)?.monitor;
    if (!monitor?.running) return;
    const stopping = monitor.stop();
    this.#stopping.add(stopping);
    void stopping.finally(() => this.#stopping.delete(stopping));
  }

  // Aggregates of a container over a range; undefined if it was never sampled.
  summary(id: string, range: TimeRange = {}): StatsSummary | undefined {
    return this.#histories.get(id)?.samples.summary(range);
  }

  // Why a container has no samples, when there is a reason to tell.
  note(id: string): string | undefined {
    if (!this.#options.enabled) return 'stats recording is off';
    const history = this.#histories.get(id);
    if (!history) return 'never sampled (it did not start while recording)';
    if (history.note) return history.note;
    const error = history.monitor?.error;
    return error ? `docker stats failed: ${(error as Error).message}` : undefined;
  }

  // Stops every monitor and waits for their docker processes to end.
  async stop(): Promise<void> {
    this.#closed = true;
    const monitors = [...this.#histories.values()].flatMap((h) => (h.monitor ? [h.monitor.stop()] : []));
    await Promise.all([...monitors, ...this.#stopping]);
  }

  // Keeps at most `maxContainers` histories, dropping those of stopped containers first.
  #forgetOld(): void {
    for (const [id, history] of this.#histories) {
      if (this.#histories.size <= this.#options.maxContainers) return;
      if (!history.monitor?.running) this.#histories.delete(id);
    }
  }
}
