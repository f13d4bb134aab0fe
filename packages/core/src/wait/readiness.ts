// Runs a wait strategy within the startup budget while watching for the container to exit, and
// turns any failure into a StartupError with the container's state and last log lines.
import { setTimeout as delay } from 'node:timers/promises';
import type { Executor } from '../cli/executor.js';
import { inspectContainerCommand, waitCommand } from '../commands/containers.js';
import { StartupError, type StartupFailureDetails } from '../errors.js';
import type { Container } from '../resources/container.js';
import { sleep } from './backoff.js';
import { WaitFailure, type WaitStrategy } from './context.js';

export interface ReadinessOptions {
  executor: Executor;
  /** Aborts when the startup budget runs out (or the caller gives up). */
  budget: AbortSignal;
  startedAt: number;
  localEngine: boolean;
  /** The image as the user named it. */
  image: string;
}

// Resolves when `strategy` is satisfied; otherwise throws a StartupError (the caller removes the container).
const WATCHER_DELAY_MS = 250;
// How long a failure report waits for a dying container's state to settle.
const SETTLE_MS = 200;

export async function awaitReadiness(container: Container, strategy: WaitStrategy, options: ReadinessOptions): Promise<void> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.budget, stop.signal]);
  // One `docker wait` notices an exit, unless exiting is what the strategy waits for, or it waits
  // for nothing. It starts after WATCHER_DELAY_MS: most services are ready by then, and those
  // starts are spared one more docker process; an earlier exit is still reported (docker wait
  // answers at once for a stopped container).
  const exited = strategy.expectsExit || strategy.immediate
    ? new Promise<never>(() => undefined)
    : sleep(WATCHER_DELAY_MS, signal)
        .then(() => options.executor.run(waitCommand(container.id), { signal, timeoutMs: 24 * 3600_000 }))
        .then((code) => {
          throw new WaitFailure('exited', `the container exited with code ${code}`);
        });
  exited.catch(() => undefined);
  try {
    await Promise.race([strategy.wait({ container, executor: options.executor, signal, localEngine: options.localEngine }), exited]);
  } catch (error) {
    const reason: StartupFailureDetails['reason'] = options.budget.aborted && !(error instanceof WaitFailure) ? 'timeout' : error instanceof WaitFailure ? error.reason : 'failed';
    const summary = reason === 'timeout' ? 'the startup timeout ran out' : error instanceof Error ? error.message : String(error);
    throw await startupError(container, strategy.description, reason, summary, options, error);
  } finally {
    stop.abort(new Error('ready'));
  }
}

// Gathers the state and the last 50 log lines of a container that failed to start.
export async function startupError(
  container: Container | undefined,
  strategy: string,
  reason: StartupFailureDetails['reason'],
  summary: string,
  options: Pick<ReadinessOptions, 'executor' | 'startedAt' | 'image'>,
  cause?: unknown,
): Promise<StartupError> {
  const redact = (text: string) => options.executor.redactor.text(text);
  const details: StartupFailureDetails = { reason, strategy, elapsedMs: Math.round(performance.now() - options.startedAt), image: options.image, logs: [] };
  if (container) {
    details.containerId = container.id;
    details.containerName = container.name;
    const inspect = () => options.executor.run(inspectContainerCommand(container.id), { timeoutMs: 10_000 }).catch(() => undefined);
    const tail = () => container.tail(50).catch(() => [] as string[]);
    let [info, logs] = await Promise.all([inspect(), tail()]);
    // A strategy can fail on the process's death before docker has handled the exit: give the
    // state (and the last lines) a moment to settle, so the report does not say "running".
    if (info?.state.running && (reason === 'failed' || reason === 'exited')) {
      await delay(SETTLE_MS);
      [info, logs] = await Promise.all([inspect().then((again) => again ?? info), tail()]);
    }
    details.logs = logs.map(redact);
    // A strategy that failed because the process died (a log that ended, a probe refused) says so
    // in the headline, not only in the state below it.
    if (info && !info.state.running && info.state.status === 'exited' && (reason === 'failed' || reason === 'exited') && !/exited with code/.test(summary)) {
      summary = `${summary}; the container exited with code ${info.state.exitCode}${info.state.oomKilled ? ' (OOM-killed)' : ''}`;
    }
    if (info) {
      const health = info.state.health;
      details.state = {
        status: info.state.status,
        exitCode: info.state.exitCode,
        oomKilled: info.state.oomKilled,
        restartCount: info.restartCount,
        ...(health ? { health: health.status, ...(health.log.at(-1) ? { lastHealthOutput: redact(health.log.at(-1)?.output ?? '') } : {}) } : {}),
      };
    }
  }
  return new StartupError(details, redact(summary), { cause });
}
