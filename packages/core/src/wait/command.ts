// Waits until a command inside the container exits 0 (one exec at a time, backed off).
import { pollUntil } from './backoff.js';
import type { WaitContext, WaitStrategy } from './context.js';

export class CommandWait implements WaitStrategy {
  readonly description: string;
  readonly #cmd: readonly string[];

  constructor(cmd: readonly string[]) {
    this.#cmd = cmd;
    this.description = `command ${JSON.stringify(cmd.join(' '))} exits 0`;
  }

  async wait(context: WaitContext): Promise<void> {
    await pollUntil(async () => (await context.container.exec(this.#cmd, { signal: context.signal })).exitCode === 0, {
      signal: context.signal,
      initialMs: 50,
      maxMs: 1000,
    });
  }
}
