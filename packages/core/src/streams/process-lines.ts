// Turns a long-running docker process into an async iterable of output lines that kills the
// process when the consumer stops (break, return, throw) or the signal aborts, and throws a typed
// error when docker itself fails.
import type { Executor } from '../cli/executor.js';
import { DockerCommandError } from '../errors.js';
import type { ProcessHold } from './process-hold.js';

// How long a stopped stream's docker process may take to exit on SIGTERM before it is killed.
const KILL_GRACE_MS = 300;

export interface ProcessLinesOptions {
  signal?: AbortSignal;
  /** Read stdout and stderr together (container logs), instead of stdout only. */
  all?: boolean;
  /** Lets a LiveStream keep the process from holding Node open while nobody reads. */
  hold?: ProcessHold;
}

// Yields each line docker prints; ends when docker exits cleanly or the consumer stops.
export async function* processLines(executor: Executor, args: readonly string[], options: ProcessLinesOptions = {}): AsyncGenerator<string, void, undefined> {
  if (options.signal?.aborted) return;
  const started = performance.now();
  const child = executor.spawn(args, { all: options.all ?? false, ...(options.signal ? { signal: options.signal } : {}) });
  options.hold?.attach(child);
  let stderr = '';
  if (!options.all) child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-8192); });
  // Iterated by hand: execa's iterator only returns once the process ends, so a consumer that
  // stops early must kill the process first.
  const lines = child.iterable({ from: options.all ? 'all' : 'stdout' })[Symbol.asyncIterator]();
  // docker 28's `stats` ignores SIGTERM (execa's own SIGKILL would follow 5 s later): a reading
  // client has nothing to clean up, so after the signal it gets a short grace only.
  let forceKill: NodeJS.Timeout | undefined;
  const forceKillSoon = () => {
    forceKill ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    forceKill.unref();
  };
  options.signal?.addEventListener('abort', forceKillSoon, { once: true });
  let consumerStopped = true;
  try {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      yield next.value;
    }
    consumerStopped = false;
  } catch (error) {
    if (options.signal?.aborted) return;
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', forceKillSoon);
    if (consumerStopped) {
      child.kill();
      forceKillSoon();
    }
    await lines.return?.().catch(() => undefined);
    const result = await child;
    clearTimeout(forceKill);
    if (result.exitCode === undefined && !result.signal && !options.signal?.aborted) {
      // docker never ran (missing binary or working folder, process limits): say why.
      // eslint-disable-next-line no-unsafe-finally
      throw executor.spawnFailure(args, result, Math.round(performance.now() - started));
    }
    if (!consumerStopped && !options.signal?.aborted && !result.isCanceled && result.exitCode !== 0 && !result.isTerminated) {
      const failure = executor.failure(args, { exitCode: result.exitCode ?? 1, stderr, durationMs: Math.round(performance.now() - started) });
      // A stream that ends because docker failed (daemon gone, container removed) is an error.
      // eslint-disable-next-line no-unsafe-finally
      throw new DockerCommandError(failure.code === 'COMMAND_FAILED' ? 'STREAM_FAILED' : failure.code, failure.message, failure, { cause: failure });
    }
  }
}
