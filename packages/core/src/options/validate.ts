// Small validators shared by the builders: each throws an InvalidOptionError naming the option and
// showing the value, so bad input never reaches a docker process.
import { isIP } from 'node:net';
import { InvalidOptionError } from '../errors.js';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** NUL, line breaks and other control characters: no path needs them, and `--mount`'s CSV mangles some. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

// A container, network or volume name as docker accepts it.
export function validateName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value) || value.length > 253) {
    throw new InvalidOptionError(option, value, 'Expected letters, digits, `_`, `.` or `-`, starting with a letter or digit.');
  }
  return value;
}

// A string value (an env value, a label value): any text but a NUL byte, which no process
// argument can hold.
export function validateValue(option: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidOptionError(option, value, 'Expected a string.');
  if (value.includes('\0')) throw new InvalidOptionError(option, value, 'Expected a string without NUL bytes.');
  return value;
}

// An absolute path on the docker host (a bind source, a file to copy).
export function validateHostPath(option: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || CONTROL.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected an absolute host path, like `/srv/data`, without control characters.');
  }
  return value;
}

// True or false, nothing that merely looks like it.
export function validateFlag(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'Expected true or false.');
  return value;
}

// An environment variable name.
export function validateEnvKey(option: string, key: unknown): string {
  if (typeof key !== 'string' || key === '' || key.includes('=') || /[\s\0]/.test(key)) {
    throw new InvalidOptionError(option, key, 'Environment variable names must be non-empty, without `=`, spaces or NUL.');
  }
  return key;
}

// A label key.
export function validateLabelKey(option: string, key: unknown): string {
  if (typeof key !== 'string' || key.trim() === '' || key.includes('=') || /[\s\0]/.test(key)) {
    throw new InvalidOptionError(option, key, 'Label keys must be non-empty, without `=` or spaces.');
  }
  return key;
}

// A user for `--user`: `name`, `uid` or `uid:gid` (never starting with `-`).
export function validateUser(option: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-zA-Z0-9_][a-zA-Z0-9_.-]*(:[a-zA-Z0-9_][a-zA-Z0-9_.-]*)?$/.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected `name`, `uid`, or `uid:gid`.');
  }
  return value;
}

// An IPv4 or IPv6 address, as node reads it (no zone index: docker's `-p` takes none).
export function validateIp(option: string, value: unknown, expected = 'Expected an IP address like `127.0.0.1` or `0.0.0.0`.'): string {
  if (typeof value !== 'string' || isIP(value) === 0 || value.includes('%')) throw new InvalidOptionError(option, value, expected);
  return value;
}

// A TCP/UDP port number.
export function validatePort(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new InvalidOptionError(option, value, 'Expected an integer port from 1 to 65535.');
  }
  return value;
}

// An absolute path inside a container.
export function validateContainerPath(option: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || CONTROL.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected an absolute path inside the container, like `/data`, without control characters.');
  }
  return value;
}

// A duration in milliseconds (0 allowed).
export function validateDuration(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(option, value, 'Expected a duration in milliseconds, 0 or more.');
  }
  return value;
}

// A whole number within bounds.
export function validateInteger(option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(option, value, `Expected an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`);
  }
  return value;
}

// A list of strings (a command, an entrypoint).
export function validateArgv(option: string, value: unknown, { allowEmpty = false } = {}): string[] {
  if (!Array.isArray(value) || value.some((part) => typeof part !== 'string') || (!allowEmpty && value.length === 0)) {
    throw new InvalidOptionError(option, value, 'Expected a non-empty array of strings, like `["redis-server", "--save", ""]`.');
  }
  const bad = (value as string[]).find((part) => part.includes('\0'));
  if (bad !== undefined) throw new InvalidOptionError(option, bad, 'Arguments cannot hold NUL bytes.');
  return [...(value as string[])];
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

// A memory size like `256m`, `1.5g`, `512MB` or a number of bytes, in bytes (docker's binary units).
export function parseMemorySize(option: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
  const unit = match?.[2]?.toLowerCase() ?? '';
  const factor = SIZE_UNITS[unit];
  if (!match || factor === undefined) {
    throw new InvalidOptionError(option, value, 'Expected a size like `256m`, `1g`, `512MB` or a positive number of bytes.');
  }
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes <= 0) throw new InvalidOptionError(option, value, 'The size must be positive.');
  return bytes;
}
