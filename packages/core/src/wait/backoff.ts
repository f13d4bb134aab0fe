// Backed-off polling: starts fast (so fast services are seen fast) and slows down, never a storm.

export interface PollOptions {
  signal: AbortSignal;
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

// Sleeps `ms`, or rejects with the signal's reason when it aborts first. The timer keeps the
// process alive on purpose: a caller is awaiting it.
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Calls `attempt` until it returns true, waiting longer between tries; throws the signal's reason
// when aborted. Errors thrown by `attempt` end the poll.
export async function pollUntil(attempt: () => Promise<boolean>, options: PollOptions): Promise<void> {
  let delay = options.initialMs ?? 20;
  const max = options.maxMs ?? 500;
  const factor = options.factor ?? 1.5;
  for (;;) {
    if (options.signal.aborted) throw options.signal.reason as Error;
    if (await attempt()) return;
    await sleep(delay, options.signal);
    delay = Math.min(max, Math.ceil(delay * factor));
  }
}
