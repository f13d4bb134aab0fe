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
    if (typeof script !== 'string' || script.trim() === '' || script.includes('\0')) throw new InvalidOptionError('HealthCheck.shell', script, 'Expected a shell command (without NUL bytes).');
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

// A health check given as plain data: `['NONE']`, `['CMD-SHELL', script]` or `['CMD', ...argv]`
// (turned into CMD-SHELL, as docker's --health-cmd runs through /bin/sh), timings checked. A copy.
export function validateHealthCheckSpec(option: string, value: unknown): HealthCheckSpec {
  const spec = (value && typeof value === 'object' ? value : {}) as Partial<HealthCheckSpec>;
  const test = Array.isArray(spec.test) && spec.test.every((part) => typeof part === 'string' && !part.includes('\0')) ? spec.test : [];
  const [kind, ...rest] = test;
  const valid = (kind === 'NONE' && rest.length === 0) || (kind === 'CMD-SHELL' && rest.length === 1 && rest[0]?.trim()) || (kind === 'CMD' && rest.length > 0);
  if (!valid) throw new InvalidOptionError(option, value, 'Expected `{ test: ["CMD-SHELL", script] }`, `{ test: ["CMD", ...argv] }` or `{ test: ["NONE"] }`, or a `HealthCheck`.');
  const out: HealthCheckSpec = { test: kind === 'CMD' ? ['CMD-SHELL', rest.map(shellQuote).join(' ')] : [...test] };
  if (spec.intervalMs !== undefined) out.intervalMs = positive('interval', spec.intervalMs);
  if (spec.timeoutMs !== undefined) out.timeoutMs = positive('timeout', spec.timeoutMs);
  if (spec.retries !== undefined) out.retries = validateInteger('HealthCheck.retries', spec.retries, 1);
  if (spec.startPeriodMs !== undefined) out.startPeriodMs = validateDuration('HealthCheck.startPeriod', spec.startPeriodMs);
  return out;
}

function positive(option: string, ms: number): number {
  validateDuration(`HealthCheck.${option}`, ms);
  // docker refuses intervals and timeouts under one millisecond.
  if (ms < 1) throw new InvalidOptionError(`HealthCheck.${option}`, ms, 'Expected at least 1 ms.');
  return ms;
}
