// Health check definitions mapped onto docker's `--health-*` flags:
// `HealthCheck.cmd(['pg_isready']).interval(250).retries(100)`.
import { InvalidOptionError } from '../errors.js';
import { validateArgv, validateDuration, validateInteger } from '../options/validate.js';
import type { HealthCheckSpec } from '../resources/container-spec.js';

// Quotes one argument for /bin/sh (pure).
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class HealthCheck {
  readonly #spec: Readonly<HealthCheckSpec>;

  private constructor(spec: HealthCheckSpec) {
    this.#spec = Object.freeze(spec);
  }

  /** Runs `argv` (quoted for the container's /bin/sh, as docker's --health-cmd requires). */
  static cmd(argv: readonly string[]): HealthCheck {
    return new HealthCheck({ test: ['CMD-SHELL', validateArgv('HealthCheck.cmd', argv).map(shellQuote).join(' ')] });
  }

  /** Runs a shell script. */
  static shell(script: string): HealthCheck {
    if (typeof script !== 'string' || script.trim() === '') throw new InvalidOptionError('HealthCheck.shell', script, 'Expected a shell command.');
    return new HealthCheck({ test: ['CMD-SHELL', script] });
  }

  /** Disables the image's health check. */
  static none(): HealthCheck {
    return new HealthCheck({ test: ['NONE'] });
  }

  #with(patch: Partial<HealthCheckSpec>): HealthCheck {
    if (this.#spec.test[0] === 'NONE') throw new InvalidOptionError('HealthCheck', 'none', '`HealthCheck.none()` takes no timings.');
    return new HealthCheck({ ...this.#spec, ...patch });
  }

  interval(ms: number): HealthCheck {
    return this.#with({ intervalMs: positive('interval', ms) });
  }

  timeout(ms: number): HealthCheck {
    return this.#with({ timeoutMs: positive('timeout', ms) });
  }

  retries(count: number): HealthCheck {
    return this.#with({ retries: validateInteger('HealthCheck.retries', count, 1) });
  }

  startPeriod(ms: number): HealthCheck {
    return this.#with({ startPeriodMs: validateDuration('HealthCheck.startPeriod', ms) });
  }

  toSpec(): HealthCheckSpec {
    return { ...this.#spec, test: [...this.#spec.test] };
  }
}

function positive(option: string, ms: number): number {
  validateDuration(`HealthCheck.${option}`, ms);
  // docker refuses intervals and timeouts under one millisecond.
  if (ms < 1) throw new InvalidOptionError(`HealthCheck.${option}`, ms, 'Expected at least 1 ms.');
  return ms;
}
