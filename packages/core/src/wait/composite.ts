// Wait.all (every strategy) and Wait.any (the first to succeed); the losers are stopped.
import type { WaitContext, WaitStrategy } from './context.js';

function childContext(context: WaitContext): { context: WaitContext; controller: AbortController } {
  const controller = new AbortController();
  return { controller, context: { ...context, signal: AbortSignal.any([context.signal, controller.signal]) } };
}

export class AllWait implements WaitStrategy {
  readonly description: string;
  readonly expectsExit: boolean;
  readonly immediate: boolean;
  readonly #strategies: readonly WaitStrategy[];

  constructor(strategies: readonly WaitStrategy[]) {
    this.#strategies = strategies;
    this.description = `all of [${strategies.map((s) => s.description).join(', ')}]`;
    this.expectsExit = strategies.some((s) => s.expectsExit);
    this.immediate = strategies.every((s) => s.immediate);
  }

  async wait(context: WaitContext): Promise<void> {
    const child = childContext(context);
    try {
      await Promise.all(this.#strategies.map((s) => s.wait(child.context)));
    } finally {
      child.controller.abort(new Error('settled'));
    }
  }
}

export class AnyWait implements WaitStrategy {
  readonly description: string;
  readonly expectsExit: boolean;
  readonly immediate: boolean;
  readonly #strategies: readonly WaitStrategy[];

  constructor(strategies: readonly WaitStrategy[]) {
    this.#strategies = strategies;
    this.description = `any of [${strategies.map((s) => s.description).join(', ')}]`;
    this.expectsExit = strategies.every((s) => s.expectsExit);
    this.immediate = strategies.some((s) => s.immediate);
  }

  async wait(context: WaitContext): Promise<void> {
    const child = childContext(context);
    try {
      await Promise.any(this.#strategies.map((s) => s.wait(child.context)));
    } catch (error) {
      throw error instanceof AggregateError ? (error.errors[0] as Error) : error;
    } finally {
      child.controller.abort(new Error('settled'));
    }
  }
}
