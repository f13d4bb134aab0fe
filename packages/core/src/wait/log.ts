// Waits until lines matching a pattern appear `times` times in the container's output, read from
// one followed log stream that starts at container start.
import { logsArgs } from '../commands/containers.js';
import { processLines } from '../streams/process-lines.js';
import { WaitFailure, type WaitContext, type WaitStrategy } from './context.js';

export class LogWait implements WaitStrategy {
  readonly description: string;
  readonly #pattern: string | RegExp;
  readonly #times: number;

  constructor(pattern: string | RegExp, times = 1) {
    this.#pattern = pattern;
    this.#times = times;
    this.description = `log ${pattern instanceof RegExp ? String(pattern) : JSON.stringify(pattern)}${times > 1 ? ` x${times}` : ''}`;
  }

  #matches(line: string): boolean {
    if (typeof this.#pattern === 'string') return line.includes(this.#pattern);
    this.#pattern.lastIndex = 0;
    return this.#pattern.test(line);
  }

  async wait(context: WaitContext): Promise<void> {
    let seen = 0;
    for await (const line of processLines(context.executor, logsArgs(context.container.id, { follow: true }), { all: true, signal: context.signal })) {
      if (this.#matches(line) && ++seen >= this.#times) return;
    }
    if (context.signal.aborted) throw context.signal.reason as Error;
    // The stream ended by itself: the container stopped before the lines came.
    throw new WaitFailure('exited', `the log ended after ${seen} of ${this.#times} matching line(s)`);
  }
}
