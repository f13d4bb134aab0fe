// The errors of a run's worker side (handle, client, accessor). They carry the codes of
// @docker-wrapper/core's errors without importing it: this side also loads in CommonJS sandboxes
// (Jest's module registry) where core's ESM-only dependencies cannot.
import type { WireError } from './protocol.js';

// A bad value given in a test process (a service name, a handle); `code` as core's InvalidOptionError.
export class RunOptionError extends TypeError {
  readonly code = 'INVALID_OPTION' as const;
  readonly option: string;
  /** `shown` is the value as the message may show it (never a secret). */
  constructor(option: string, shown: string, expected: string) {
    super(`Invalid \`${option}\`: ${shown}. ${expected}`);
    this.name = 'RunOptionError';
    this.option = option;
  }
}

// The run's coordinator could not be reached or answered nonsense (the run has ended, most often).
export class RunConnectionError extends Error {
  readonly code = 'STREAM_FAILED' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunConnectionError';
  }
}

// An error the coordinator answered with: its code, option and message as they were thrown there.
export class RunRequestError extends Error {
  readonly code: string;
  readonly option: string | undefined;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'RunRequestError';
    this.code = wire.code;
    this.option = wire.option;
  }
}
