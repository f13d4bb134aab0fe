// Ready means: the broker logged its start line, and through the host-facing listener (the
// advertised address clients will use) it lists itself, the listed topics exist, and the leader
// of every partition of them serves it. Nothing is written.
import type { WaitContext, WaitStrategy } from '@docker-wrapper/core';
import { Wait, WaitFailure } from '@docker-wrapper/core';
import { prepareBroker, prepareRestarted, type BrokerAddress } from './admin.js';
import { READY_LINE } from './builder.js';
import type { NormalizedTopic } from './topics.js';
import { KafkaRequestError } from './wire/errors.js';

export class KafkaReadiness implements WaitStrategy {
  readonly description = `log ${JSON.stringify(READY_LINE)}, then the broker, the topics and their leaders through the advertised port`;
  readonly #log = Wait.forLog(READY_LINE);
  readonly #address: BrokerAddress;
  readonly #topics: readonly NormalizedTopic[];

  /** `address`: the published, advertised host port (known before the start, so docker's port table need not have caught up). */
  constructor(address: BrokerAddress, topics: readonly NormalizedTopic[]) {
    this.#address = address;
    this.#topics = topics;
  }

  async wait(context: WaitContext): Promise<void> {
    await this.#log.wait(context);
    await prepareBroker(this.#address, this.#topics, context.signal).catch((error: unknown) => rethrow(error, context.signal));
  }
}

// A refusal (a bad topic config, ...) is final; running out of time stays a timeout.
function rethrow(error: unknown, signal: AbortSignal): never {
  if (error instanceof KafkaRequestError) throw signal.aborted ? new Error(error.message) : new WaitFailure('failed', error.message);
  throw error;
}

// Ready again after a restart: the broker lists itself and every topic it holds is served by its
// leader (the log line of the first start is still in the log, so it proves nothing now).
export function servingAgain(address: BrokerAddress): WaitStrategy {
  return {
    description: 'the broker and the leaders of all its topics through the advertised port',
    wait: (context) => prepareRestarted(address, context.signal).catch((error: unknown) => rethrow(error, context.signal)),
  };
}
