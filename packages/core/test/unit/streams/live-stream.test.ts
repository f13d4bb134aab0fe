import { describe, expect, it } from 'vitest';
import { LiveStream } from '../../../src/streams/live-stream.js';
import { OpenStreams } from '../../../src/streams/open-streams.js';
import { ProcessHold, type HeldProcess } from '../../../src/streams/process-hold.js';

// A source that yields what `push` gives it, until the stream's signal aborts or `end()`.
function controlledSource<T>() {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: Error | undefined;
  const state = { started: false, signal: undefined as AbortSignal | undefined, hold: undefined as ProcessHold | undefined, produced: 0 };
  async function* source(signal: AbortSignal, hold: ProcessHold): AsyncGenerator<T, void, undefined> {
    state.started = true;
    state.signal = signal;
    state.hold = hold;
    signal.addEventListener('abort', () => wake?.());
    for (;;) {
      while (queue.length > 0) {
        state.produced++;
        yield queue.shift() as T;
      }
      if (failure) throw failure;
      if (ended || signal.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return {
    source,
    state,
    push: (...items: T[]) => {
      queue.push(...items);
      wake?.();
    },
    end: () => {
      ended = true;
      wake?.();
    },
    fail: (error: Error) => {
      failure = error;
      wake?.();
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveStream', () => {
  it('starts its source at creation and keeps what arrives before the first read, in order, once', async () => {
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source);
    expect(src.state.started).toBe(true);
    src.push(1, 2, 3);
    await tick();
    expect(stream.buffered).toBe(3);
    src.push(4);
    src.end();
    const seen: number[] = [];
    for await (const n of stream) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('serves waiting readers in order as items arrive', async () => {
    const src = controlledSource<string>();
    const stream = new LiveStream(src.source);
    const first = stream.next();
    const second = stream.next();
    src.push('a', 'b');
    expect(await first).toEqual({ done: false, value: 'a' });
    expect(await second).toEqual({ done: false, value: 'b' });
    src.end();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('return() before any read aborts the source and ends the stream', async () => {
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source);
    src.push(1);
    expect(await stream.return()).toEqual({ done: true, value: undefined });
    expect(src.state.signal?.aborted).toBe(true);
    expect(stream.buffered).toBe(0);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('the user signal reaches the source; an already aborted one ends it at once', async () => {
    const controller = new AbortController();
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source, { signal: controller.signal });
    const waiting = stream.next();
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(src.state.signal?.aborted).toBe(true);
  });

  it('a failure comes after the items before it, once', async () => {
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source);
    src.push(1);
    src.fail(new Error('docker went away'));
    await tick();
    expect(await stream.next()).toEqual({ done: false, value: 1 });
    await expect(stream.next()).rejects.toThrow('docker went away');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('stops pulling from its source at 10 000 unread items, and goes on when read', async () => {
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source);
    src.push(...Array.from({ length: 10_050 }, (_, i) => i));
    await tick();
    expect(stream.buffered).toBe(10_000);
    expect(src.state.produced).toBe(10_000);
    expect(await stream.next()).toEqual({ done: false, value: 0 });
    await tick();
    expect(src.state.produced).toBe(10_001);
    await stream.return();
  });

  it('is ended by the session: OpenStreams.closeAll() closes it', async () => {
    const open = new OpenStreams();
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source, { openStreams: open });
    await open.closeAll();
    expect(src.state.signal?.aborted).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('holds its process only while a reader waits', async () => {
    const calls: string[] = [];
    const handle = (name: string) => ({ ref: () => calls.push(`${name}.ref`), unref: () => calls.push(`${name}.unref`) });
    const child: HeldProcess = { nodeChildProcess: handle('process'), stdout: handle('stdout'), stderr: null };
    const src = controlledSource<number>();
    const stream = new LiveStream(src.source);
    src.state.hold?.attach(child);
    expect(calls).toEqual(['process.unref', 'stdout.unref']);
    calls.length = 0;
    const next = stream.next();
    expect(calls).toEqual(['process.ref', 'stdout.ref']);
    calls.length = 0;
    src.push(7);
    expect(await next).toEqual({ done: false, value: 7 });
    expect(calls).toEqual(['process.unref', 'stdout.unref']);
    await stream.return();
  });
});
