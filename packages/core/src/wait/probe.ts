// Waits until a check of your own, run from this process, passes (a protocol PING, a query):
// no docker process at all, polled from 10 ms (or `firstIntervalMs`) backing off to 250 ms.
import type { Container } from '../resources/container.js';
import { pollUntil } from './backoff.js';
import type { WaitContext, WaitStrategy } from './context.js';

export type Probe = (container: Container, signal: AbortSignal) => Promise<boolean>;

export class ProbeWait implements WaitStrategy {
  readonly description: string;
  readonly idOnly: boolean;
  readonly #probe: Probe;
  readonly #firstIntervalMs: number;

  constructor(description: string, probe: Probe, idOnly = false, firstIntervalMs = 10) {
    this.description = description;
    this.#probe = probe;
    this.idOnly = idOnly;
    this.#firstIntervalMs = firstIntervalMs;
  }

  async wait(context: WaitContext): Promise<void> {
    await pollUntil(async () => {
      try {
        return await this.#probe(context.container, context.signal);
      } catch (error) {
        if (context.signal.aborted) throw error;
        return false;
      }
    }, { signal: context.signal, initialMs: this.#firstIntervalMs, maxMs: 250 });
  }
}
