// Option checks shared by the templates: unknown keys with a "did you mean", versions, identifiers.
import { InvalidOptionError, didYouMean } from '@docker-wrapper/core';

// Throws when `options` of `owner()` is not an object, or has a key `owner` does not know (with
// the closest known one). The option is named `<owner>.<key>` unless `prefix` says otherwise (''
// for a function's own options, as `startServices(..., { diagnostic })` names `diagnostic`).
export function rejectUnknownOptions(owner: string, options: unknown, known: readonly string[], naming: { prefix?: string; expected?: string } = {}): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError(`${owner}() options`, options, naming.expected ?? 'Expected an object.');
  }
  const prefix = naming.prefix ?? `${owner}.`;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    throw new InvalidOptionError(`${prefix}${key}`, (options as Record<string, unknown>)[key], `${owner}() has no such option.${didYouMean(key, known)} Known options: ${known.join(', ')}.`);
  }
}

// A version tag like `17`, `16.4`, `7.2-alpine`, `3.9.1`.
export function validateVersion(option: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d+(\.\d+){0,2}(-[a-z0-9.]+)?$/.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected a version like `17`, `16.4` or `7.2-alpine`.');
  }
  return value;
}

// An SQL-safe identifier (user, database): letters, digits and `_`, starting with a letter or `_`.
export function validateIdentifier(option: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected letters, digits and `_` (at most 63), starting with a letter or `_`.');
  }
  return value;
}

export function validateOptionalString(option: string, value: unknown, { allowEmpty = false } = {}): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (!allowEmpty && value === '')) throw new InvalidOptionError(option, value, 'Expected a non-empty string.');
  if (value.includes('\0')) throw new InvalidOptionError(option, value, 'Expected a string without NUL bytes.');
  return value;
}

export function validateBoolean(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'Expected true or false.');
  return value;
}

export function validateTimeout(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new InvalidOptionError(option, value, 'Expected a positive number of milliseconds.');
  return value;
}

// The host port a service is published on: a whole number from 1 to 65535 (undefined: one is
// picked when the service starts).
export function validateHostPort(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535) throw new InvalidOptionError(option, value, 'Expected a whole number from 1 to 65535.');
  return value;
}

// An AbortSignal that ends a start (undefined: none).
export function validateSignal(option: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw new InvalidOptionError(option, value, 'Expected an AbortSignal, like `AbortSignal.timeout(60_000)`.');
  return value;
}
