// Whether anyone but signal-exit listens to a signal. Libraries that use signal-exit (proper-lockfile,
// which the templates load, among many) listen to SIGINT and SIGTERM too, but only re-raise the
// signal when no one else listens, as `Docker.connect()`'s handler does after close(): counted as
// others, each would wait for the other and Ctrl-C would no longer end the process.

interface SignalExitEmitter {
  count?: unknown;
}

// Listeners of `signal` other than signal-exit's (v3 and v4 count their loaded copies, one listener each).
export function otherSignalListeners(signal: NodeJS.Signals): number {
  const v3 = (process as { __signal_exit_emitter__?: SignalExitEmitter }).__signal_exit_emitter__?.count;
  const v4 = (globalThis as Record<symbol, SignalExitEmitter | undefined>)[Symbol.for('signal-exit emitter')]?.count;
  const theirs = (typeof v3 === 'number' ? v3 : 0) + (typeof v4 === 'number' ? v4 : 0);
  return Math.max(0, process.listenerCount(signal) - theirs);
}
