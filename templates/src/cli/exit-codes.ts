// The exit codes of the `docker-wrapper` command, which scripts can rely on.
import { DockerWrapperError, InvalidOptionError } from '@docker-wrapper/core';
import { ConfigError } from '../config/config-error.js';

export const EXIT = {
  /** Done; `doctor` found no problem. */
  ok: 0,
  /** A command failed: a service did not start, a docker call failed, `doctor` found a problem. */
  failure: 1,
  /** Bad usage: an unknown command or option, a bad value, a missing or broken config file. */
  usage: 2,
  /** The docker engine could not be reached. */
  unreachable: 3,
} as const;

// The exit code an error stands for.
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof InvalidOptionError) return EXIT.usage;
  if (error instanceof DockerWrapperError && error.code === 'DAEMON_UNREACHABLE') return EXIT.unreachable;
  return EXIT.failure;
}

/** A bad argument or option of the command line itself. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
