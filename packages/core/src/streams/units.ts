// Reads the sizes and percentages `docker stats` prints, exactly (pure): decimal units (`kB`, `MB`,
// powers of 1000, used for network and block I/O) and binary units (`KiB`, `MiB`, powers of 1024,
// used for memory). `--` (no data) reads as null.

const FACTORS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15, eb: 1e18,
  kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4, pib: 1024 ** 5, eib: 1024 ** 6,
};
const SIZE = /^([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-z]*)$/i;

// `1.133MiB` -> 1188037, `4kB` -> 4000, `0B` -> 0, `--` -> null; throws on anything else.
export function parseSize(text: string): number | null {
  const value = text.trim();
  if (value === '--' || value === '') return null;
  const match = SIZE.exec(value);
  const factor = match ? FACTORS[(match[2] || 'b').toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new Error(`not a size: ${JSON.stringify(text)}`);
  return Math.round(Number(match[1]) * factor);
}

// `12.5%` -> 12.5, `--` -> null; throws on anything else.
export function parsePercent(text: string): number | null {
  const value = text.trim();
  if (value === '--' || value === '') return null;
  const match = /^(-?[0-9]*\.?[0-9]+)\s*%$/.exec(value);
  if (!match) throw new Error(`not a percentage: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

// `1.2kB / 3MB` -> [1200, 3000000]; a lone `--` -> [null, null].
export function parseSizePair(text: string): [number | null, number | null] {
  const value = text.trim();
  if (value === '--' || value === '') return [null, null];
  const parts = value.split('/');
  if (parts.length !== 2) throw new Error(`not a pair of sizes: ${JSON.stringify(text)}`);
  return [parseSize(parts[0] as string), parseSize(parts[1] as string)];
}

// `12` -> 12, `--` -> null.
export function parseCount(text: string): number | null {
  const value = text.trim();
  if (value === '--' || value === '') return null;
  if (!/^\d+$/.test(value)) throw new Error(`not a count: ${JSON.stringify(text)}`);
  return Number(value);
}
