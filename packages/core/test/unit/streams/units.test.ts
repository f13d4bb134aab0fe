import { describe, expect, it } from 'vitest';
import { parseCount, parsePercent, parseSize, parseSizePair } from '../../../src/streams/units.js';

describe('parseSize', () => {
  it.each([
    ['0B', 0],
    ['516B', 516],
    ['4kB', 4000],
    ['1.35kB', 1350],
    ['16.8kB', 16_800],
    ['30MB', 30_000_000],
    ['1.2GB', 1_200_000_000],
    ['2TB', 2e12],
    ['392KiB', 392 * 1024],
    ['1.133MiB', Math.round(1.133 * 1024 ** 2)],
    ['64MiB', 64 * 1024 ** 2],
    ['23.54GiB', Math.round(23.54 * 1024 ** 3)],
    ['1e+03kB', 1_000_000],
    ['--', null],
  ])('%s is %s bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('tells decimal from binary units', () => {
    expect(parseSize('1MB')).toBe(1_000_000);
    expect(parseSize('1MiB')).toBe(1_048_576);
    expect(parseSize('1kB')).not.toBe(parseSize('1KiB'));
  });

  it.each(['', 'abc', '12XB', '1.2.3MB', '-'])('rejects %j', (text) => {
    if (text === '') expect(parseSize(text)).toBeNull();
    else expect(() => parseSize(text)).toThrow(/not a size/);
  });
});

describe('the other stats fields', () => {
  it('reads percentages, pairs and counts', () => {
    expect(parsePercent('97.49%')).toBe(97.49);
    expect(parsePercent('0.00%')).toBe(0);
    expect(parsePercent('203.5%')).toBe(203.5);
    expect(parsePercent('--')).toBeNull();
    expect(() => parsePercent('97.49')).toThrow(/not a percentage/);
    expect(parseSizePair('428KiB / 64MiB')).toEqual([428 * 1024, 64 * 1024 ** 2]);
    expect(parseSizePair('17.4kB / 30MB')).toEqual([17_400, 30_000_000]);
    expect(parseSizePair('-- / --')).toEqual([null, null]);
    expect(parseSizePair('--')).toEqual([null, null]);
    expect(() => parseSizePair('1kB')).toThrow(/pair/);
    expect(parseCount('12')).toBe(12);
    expect(parseCount('--')).toBeNull();
    expect(() => parseCount('1.5')).toThrow(/count/);
  });
});
