// `--older-than 1h`: a duration option of the command line, parsed before any docker process.
import { UsageError } from './exit-codes.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

// `90s`, `15m`, `1h30m`, `2d` in ms; a UsageError otherwise (commander names the option).
export function parseDuration(value: string): number {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|min|m|h|d)/g)];
  if (value === '' || parts.map((p) => p[0]).join('') !== value) {
    throw new UsageError(`${JSON.stringify(value)} is not a duration. Expected a number with a unit: 90s, 15m, 1h, 1h30m, 2d.`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] as number), 0);
}
