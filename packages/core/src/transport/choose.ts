// Which transport a session asks for: the option (checked with the other connect options, see
// options/connect-options.ts), then DOCKER_WRAPPER_TRANSPORT, then `api` (pure).
import type { Transport } from '../cli/executor.js';
import { InvalidOptionError } from '../errors.js';

export interface TransportChoice {
  wanted: Transport;
  /** Where an explicit choice came from (an explicit `api` that cannot dial is an error, not a fallback). */
  explicit?: '`transport`' | 'DOCKER_WRAPPER_TRANSPORT';
}

export const TRANSPORTS: readonly string[] = ['api', 'cli'];

export function resolveTransport(option: Transport | undefined, env: NodeJS.ProcessEnv): TransportChoice {
  if (option !== undefined) return { wanted: option, explicit: '`transport`' };
  const fromEnv = env.DOCKER_WRAPPER_TRANSPORT;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!TRANSPORTS.includes(fromEnv)) throw new InvalidOptionError('DOCKER_WRAPPER_TRANSPORT', fromEnv, "Expected 'api' or 'cli'.");
    return { wanted: fromEnv as Transport, explicit: 'DOCKER_WRAPPER_TRANSPORT' };
  }
  return { wanted: 'api' };
}
