// What a wait strategy gets: the container, the engine, and one signal for the whole budget.
import type { Executor } from '../cli/executor.js';
import type { Container } from '../resources/container.js';

export interface WaitContext {
  container: Container;
  executor: Executor;
  /** Aborted when the startup budget runs out, the container exits, or another strategy won. */
  signal: AbortSignal;
  /** True when the engine runs on this machine (its /proc can be read directly). */
  localEngine: boolean;
}

export interface WaitStrategy {
  /** Says what is awaited, for error messages: `port 5432/tcp`, `log /ready/ x2`. */
  readonly description: string;
  /** True when the strategy expects the container to exit (one-shot containers). */
  readonly expectsExit?: boolean;
  /** True when the strategy resolves without looking at the container (`Wait.none()`): nothing to watch. */
  readonly immediate?: boolean;
  /**
   * True when the strategy needs only the container's id (not its inspect data) and, at most, the
   * ports published on host ports given to the builder (`.port(6379, { hostPort })`): `run()` then
   * starts it while the container is being inspected.
   */
  readonly idOnly?: boolean;
  /** Resolves when ready; rejects (with a WaitFailure) when it can never become ready. */
  wait(context: WaitContext): Promise<void>;
}

// A strategy's verdict that readiness cannot come (e.g. unhealthy, wrong exit code).
export class WaitFailure extends Error {
  readonly reason: 'unhealthy' | 'exited' | 'failed';
  constructor(reason: WaitFailure['reason'], message: string) {
    super(message);
    this.name = 'WaitFailure';
    this.reason = reason;
  }
}
