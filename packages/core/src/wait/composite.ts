// Wait.all (every strategy) and Wait.any (the first to succeed); the losers are stopped.
import type { WaitContext, WaitStrategy } from './context.js';

type Mode = 'all' | 'any';

export class CompositeWait implements WaitStrategy {
  readonly description: string;
  readonly expectsExit: boolean;
  readonly immediate: boolean;
  readonly #mode: Mode;
  readonly #strategies: readonly WaitStrategy[];

  constructor(mode: Mode, strategies: readonly WaitStrategy[]) {
    this.#mode = mode;
    this.#strategies = strategies;
    this.description = `${mode} of [${strategies.map((s) => s.description).join(', ')}]`;
    // `all` expects an exit if any part does and is immediate only if every part is; `any` the reverse.
    const some = (flag: 'expectsExit' | 'immediate') => strategies.some((s) => s[flag] === true);
    const every = (flag: 'expectsExit' | 'immediate') => strategies.every((s) => s[flag] === true);
    this.expectsExit = mode === 'all' ? some('expectsExit') : every('expectsExit');
    this.immediate = mode === 'all' ? every('immediate') : some('immediate');
  }

  async wait(context: WaitContext): Promise<void> {
    const controller = new AbortController();
    const child = { ...context, signal: AbortSignal.any([context.signal, controller.signal]) };
    const waits = this.#strategies.map((s) => s.wait(child));
    try {
      if (this.#mode === 'all') await Promise.all(waits);
      else await Promise.any(waits);
    } catch (error) {
      throw error instanceof AggregateError ? (error.errors[0] as Error) : error;
    } finally {
      controller.abort(new Error('settled'));
      // The losers end on the abort; their rejections are expected.
      for (const wait of waits) wait.catch(() => undefined);
    }
  }
}
