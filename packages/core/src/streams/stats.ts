// `docker.stats`: resource samples of containers, live (one `docker stats` process per stream,
// started with the stream, killed on break, abort or session close) or once, and monitors that
// keep a bounded window of them.
import type { DockerCommand } from '../cli/command.js';
import type { CallOptions, Executor } from '../cli/executor.js';
import { DockerCommandError, DockerWrapperError, InvalidOptionError } from '../errors.js';
import { LiveStream } from './live-stream.js';
import { StatsMonitor, type MonitorOptions } from './monitor.js';
import type { OpenStreams } from './open-streams.js';
import type { ProcessHold } from './process-hold.js';
import { processLines } from './process-lines.js';
import { SampleWindow } from './sample-window.js';
import { parseStatsLine, type StatsSample } from './stats-parse.js';
import { StatsLineReader } from './stats-reader.js';

/** A container id or name, or anything with an `id` (a `Container`). */
export type ContainerRef = string | { readonly id: string };

export interface StatsStreamOptions {
  /** Ends the stream (and kills its docker process). */
  signal?: AbortSignal;
}

// How often a stream whose containers all read `--` asks the engine whether they were removed.
const GONE_CHECK_MS = 3000;

// `docker stats` arguments for these containers (live, or one sample with `--no-stream`).
export function statsArgs(targets: ContainerRef | readonly ContainerRef[], options: { once?: boolean } = {}): string[] {
  const ids = (Array.isArray(targets) ? targets : [targets]).map((target: ContainerRef) => (typeof target === 'string' ? target : target?.id));
  if (ids.length === 0 || ids.some((id) => typeof id !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(id))) {
    throw new InvalidOptionError('container', targets, 'Expected a container, or a container id or name, or an array of them.');
  }
  return ['stats', ...(options.once ? ['--no-stream'] : []), '--no-trunc', '--format', '{{json .}}', ...(ids as string[])];
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
}

// The front door to `docker stats`: streams, one-off samples and monitors.
export class Stats {
  readonly #executor: Executor;
  readonly #openStreams: OpenStreams | undefined;

  constructor(context: StatsContext) {
    this.#executor = context.executor;
    this.#openStreams = context.openStreams;
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
    const args = statsArgs(target);
    return new LiveStream((signal, hold) => statsStream(this.#executor, args, signal, hold), { signal: options.signal, openStreams: this.#openStreams });
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
    const args = statsArgs(target);
    const samples = new SampleWindow(options);
    return new StatsMonitor((signal) => statsStream(this.#executor, args, signal), samples, this.#openStreams);
  }
}

async function* statsStream(executor: Executor, args: string[], signal: AbortSignal, hold?: ProcessHold): AsyncGenerator<StatsSample, void, undefined> {
  const reader = new StatsLineReader();
  let checkedAt = 0;
  // Since when the engine has said a container runs while docker stats still reads `--` for all.
  let staleSince: number | undefined;
  for await (const line of processLines(executor, args, { signal, ...(hold ? { hold } : {}) })) {
    const now = Date.now();
    const sample = reader.read(line, now);
    if (sample) yield sample;
    if (sample && !reader.allGone) staleSince = undefined;
    // docker prints `--` forever for a removed container, and when the daemon went away or
    // restarted (its CLI never reconnects): once every container reads `--`, ask the engine which
    // it is, and end or fail the stream.
    if (sample && reader.allGone && now - checkedAt > GONE_CHECK_MS) {
      checkedAt = now;
      const state = await containersState(executor, reader.ids());
      if (state === 'removed') return;
      if (state === 'stopped') staleSince = undefined;
      else if (staleSince === undefined) staleSince = now;
      else throw new DockerWrapperError('STREAM_FAILED', `docker stats stopped reading running container(s) ${reader.ids().map((id) => id.slice(0, 12)).join(', ')}: its connection to the Docker engine broke (the daemon restarted?).`);
    }
  }
}

// Whether the containers were all removed, are all stopped, or one runs; throws when the engine
// cannot be reached.
async function containersState(executor: Executor, ids: string[]): Promise<'removed' | 'stopped' | 'running'> {
  const args = ['container', 'inspect', '--format', '{{.State.Running}}', ...ids];
  const result = await executor.raw(args, { timeoutMs: 15_000 });
  if (result.stdout.trim() !== '') return /^true$/m.test(result.stdout) ? 'running' : 'stopped';
  const failure = executor.failure(args, result);
  if (failure.code === 'NO_SUCH_CONTAINER') return 'removed';
  throw new DockerCommandError(failure.code === 'COMMAND_FAILED' ? 'STREAM_FAILED' : failure.code, `docker stats lost its containers: ${failure.message}`, failure, { cause: failure });
}
