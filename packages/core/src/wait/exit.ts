// For one-shot containers (migrations): ready when the container exits with the expected code.
import { waitCommand } from '../commands/containers.js';
import { WaitFailure, type WaitContext, type WaitStrategy } from './context.js';

export class ExitWait implements WaitStrategy {
  readonly description: string;
  readonly expectsExit = true;
  readonly #code: number;

  constructor(code = 0) {
    this.#code = code;
    this.description = `exit with code ${code}`;
  }

  async wait(context: WaitContext): Promise<void> {
    const code = await context.executor.run(waitCommand(context.container.id), { signal: context.signal, timeoutMs: 24 * 3600_000 });
    if (code !== this.#code) throw new WaitFailure('exited', `the container exited with code ${code}, expected ${this.#code}`);
  }
}
