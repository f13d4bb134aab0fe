import { describe, expect, it } from 'vitest';
import { Ring } from '../../../src/streams/ring.js';

describe('Ring', () => {
  it('drops the oldest items when full and counts them', () => {
    const ring = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.dropped).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect([...ring.newestFirst()]).toEqual([5, 4, 3]);
    expect(ring.at(0)).toBe(3);
    expect(ring.at(-1)).toBe(5);
    expect(ring.at(3)).toBeUndefined();
  });

  it('shifts from the oldest end and wraps around', () => {
    const ring = new Ring<string>(2);
    ring.push('a');
    ring.push('b');
    expect(ring.shift()).toBe('a');
    ring.push('c');
    ring.push('d');
    expect(ring.toArray()).toEqual(['c', 'd']);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.shift()).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
