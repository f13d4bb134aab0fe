// `docker.stats`: resource samples of containers, live (one `docker stats` process per stream,
// started with the stream, killed on break, abort or session close) or once, and monitors that
// keep a bounded window of them.
import type { DockerCommand } from '../cli/command.js';
import { engineStatsRestarts, type EngineKind } from '../cli/engine-kind.js';
import type { CallOptions, Executor } from '../cli/executor.js';
import { LiveStream } from './live-stream.js';
import { StatsMonitor, type MonitorOptions } from './monitor.js';
import type { OpenStreams } from './open-streams.js';
import type { ProcessHold } from './process-hold.js';
import { SampleWindow } from './sample-window.js';
import { parseStatsLine, type StatsSample } from './stats-parse.js';
import { statsArgs, statsIds, type ContainerRef } from './stats-args.js';
import { statsStream } from './stats-stream.js';

export type { ContainerRef } from './stats-args.js';

export interface StatsStreamOptions {
  /** Ends the stream (and kills its docker process). */
  signal?: AbortSignal;
}

// One sample of each container (`docker stats --no-stream`; docker takes about two seconds).
export function statsOnceCommand(targets: ContainerRef | readonly ContainerRef[]): DockerCommand<StatsSample[]> {
  return {
    args: statsArgs(targets, { once: true }),
    parse: (stdout) => stdout.split('\n').flatMap((line) => parseStatsLine(line) ?? []),
  };
}

/** What `Stats` needs of its session. */
export interface StatsContext {
  executor: Executor;
  /** The session's open streams and monitors, ended by `docker.close()`. */
  openStreams?: OpenStreams;
  /** Which engine: where its stats stream drops running containers, it is started again. */
  engineKind?: EngineKind;
}

// The front door to `docker stats`: streams, one-off samples and monitors.
export class Stats {
  readonly #executor: Executor;
  readonly #openStreams: OpenStreams | undefined;
  readonly #restart: boolean;

  constructor(context: StatsContext) {
    this.#executor = context.executor;
    this.#openStreams = context.openStreams;
    this.#restart = engineStatsRestarts(context.engineKind);
  }

  /**
   * Streams samples of one or more containers, about one per container per second, sampling from
   * this call on: samples taken before the first read wait for it (each keeps the `time` it
   * arrived). The first sample of each container has `cpuPercent: null` (docker has no earlier
   * reading to compare). Ends on `break`, `return()`, the signal, `docker.close()`, or when every
   * container is removed.
   * @example
   * for await (const s of docker.stats.stream(db, { signal })) console.log(s.cpuPercent, s.memoryBytes);
   */
  stream(target: ContainerRef | readonly ContainerRef[], options: StatsStreamOptions = {}): LiveStream<StatsSample> {
    const ids = statsIds(target);
    return new LiveStream((signal, hold) => this.#live(ids, signal, hold), { signal: options.signal, openStreams: this.#openStreams });
  }

  // One sample of each container, read now.
  async once(target: ContainerRef | readonly ContainerRef[], options: CallOptions = {}): Promise<StatsSample[]> {
    return this.#executor.run(statsOnceCommand(target), options);
  }

  /**
   * Samples a container in the background and keeps the last `maxSamples` within `window` ms.
   * @example
   * const monitor = docker.stats.monitor(db, { window: 300_000, maxSamples: 100 });
   * // ... run the test ...
   * console.log(monitor.avgCpuPercent(60_000), monitor.peakMemoryBytes(60_000));
   * await monitor.stop();
   */
  monitor(target: ContainerRef, options: MonitorOptions = {}): StatsMonitor {
    const ids = statsIds(target);
    const samples = new SampleWindow(options);
    return new StatsMonitor((signal) => this.#live(ids, signal), samples, this.#openStreams);
  }

  // The live samples of these containers, from one docker stats process at a time.
  #live(ids: string[], signal: AbortSignal, hold?: ProcessHold): AsyncGenerator<StatsSample, void, undefined> {
    return statsStream({ executor: this.#executor, ids, signal, restart: this.#restart, ...(hold ? { hold } : {}) });
  }
}
