// How a stream or a call ended, read in the background, so a fault test can tell an end, an error
// and a hang apart without a timed assertion.

export interface StreamOutcome<T> {
  /** What the stream yielded so far. */
  readonly items: T[];
  /** Resolves when the stream ends: with the error it threw, if any. */
  readonly done: Promise<{ error?: Error }>;
}

// Reads `stream` to its end in the background.
export function outcomeOf<T>(stream: AsyncIterable<T>): StreamOutcome<T> {
  const items: T[] = [];
  const done = (async () => {
    try {
      for await (const item of stream) items.push(item);
      return {};
    } catch (error) {
      return { error: error as Error };
    }
  })();
  return { items, done };
}

// `promise`'s value, or 'timed out' when it has not settled within `ms` (a hang, told apart from a
// slow machine by a budget far above the normal time).
export async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
