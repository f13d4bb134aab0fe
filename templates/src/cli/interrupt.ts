// Ctrl-C (or SIGTERM) as an AbortSignal, for commands that follow a stream until interrupted.
export interface Interrupt {
  readonly signal: AbortSignal;
  /** Stops listening (the stream ended by itself). */
  release(): void;
}

// An AbortSignal that fires on the next Ctrl-C or SIGTERM (with `reason`, when given).
export function untilInterrupted(reason?: Error): Interrupt {
  const controller = new AbortController();
  const on = () => controller.abort(reason);
  process.once('SIGINT', on);
  process.once('SIGTERM', on);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}
