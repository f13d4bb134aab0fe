// The live samples of `docker stats`: one docker process at a time, read line by line, ended when
// the containers are removed, failed when docker stops reading running containers, and, on an
// engine whose stats stream drops containers that still run (Podman 4.3), started again.
import type { Executor } from '../cli/executor.js';
import { DockerCommandError, DockerWrapperError } from '../errors.js';
import type { ProcessHold } from './process-hold.js';
import { processLines } from './process-lines.js';
import { statsArgs } from './stats-args.js';
import type { StatsSample } from './stats-parse.js';
import { StatsLineReader } from './stats-reader.js';

// How often a stream whose containers all read `--` asks the engine whether they were removed.
const GONE_CHECK_MS = 3000;
// How many docker processes in a row may be started again without a sample in between.
const MAX_STATS_RESTARTS = 5;

export interface StatsStreamSource {
  executor: Executor;
  /** The containers asked for (ids or names). */
  ids: readonly string[];
  signal: AbortSignal;
  hold?: ProcessHold;
  /** Start docker stats again when it stops reading containers that still run (engineStatsRestarts). */
  restart: boolean;
}

// Why one docker stats process stopped giving samples of containers that run.
interface Stalled {
  ids: string[];
  error?: unknown;
}

export async function* statsStream(source: StatsStreamSource): AsyncGenerator<StatsSample, void, undefined> {
  let restarts = 0;
  for (;;) {
    const run = readStatsProcess(source);
    let stalled: Stalled | undefined;
    try {
      let next = await run.next();
      for (; !next.done; next = await run.next()) {
        if (next.value.memoryLimitBytes !== null || next.value.pids !== null) restarts = 0;
        yield next.value;
      }
      stalled = next.value;
    } finally {
      // A consumer that stops while a sample is out ends the docker process too.
      await run.return(undefined);
    }
    if (!stalled) return;
    if (!source.restart || restarts >= MAX_STATS_RESTARTS || source.signal.aborted) {
      if (stalled.error) throw stalled.error;
      throw new DockerWrapperError('STREAM_FAILED', `docker stats stopped reading running container(s) ${stalled.ids.map((id) => id.slice(0, 12)).join(', ')}: its connection to the Docker engine broke (the daemon restarted?).`);
    }
    restarts++;
  }
}

// Reads one docker stats process; returns how it stalled, or nothing when the stream ended.
async function* readStatsProcess(source: StatsStreamSource): AsyncGenerator<StatsSample, Stalled | undefined, undefined> {
  const { executor, signal, hold } = source;
  const args = statsArgs(source.ids);
  const reader = new StatsLineReader();
  let checkedAt = 0;
  // Since when the engine has said a container runs while docker stats still reads `--` for all.
  let staleSince: number | undefined;
  try {
    for await (const line of processLines(executor, args, { signal, ...(hold ? { hold } : {}) })) {
      const now = Date.now();
      const sample = reader.read(line, now);
      if (!sample) continue;
      yield sample;
      if (!reader.allGone) staleSince = undefined;
      // docker prints `--` forever for a removed container, and when the daemon went away or
      // restarted (its CLI never reconnects): once every container reads `--`, ask the engine which
      // it is, and end the stream or give up on this process.
      if (reader.allGone && now - checkedAt > GONE_CHECK_MS) {
        checkedAt = now;
        const state = await containersState(executor, reader.ids());
        if (state === 'removed') return undefined;
        if (state === 'stopped') staleSince = undefined;
        else if (staleSince === undefined) staleSince = now;
        else return { ids: reader.ids() };
      }
    }
  } catch (error) {
    // The process failed (Podman under load: `timeout waiting for stats`): worth another only
    // where the engine drops running containers, and while they run.
    if (!source.restart || signal.aborted || !(error instanceof DockerCommandError)) throw error;
    const ids = reader.ids().length > 0 ? reader.ids() : [...source.ids];
    if ((await containersState(executor, ids)) !== 'running') throw error;
    return { ids, error };
  }
  return undefined;
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
