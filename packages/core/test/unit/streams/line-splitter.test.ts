import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/streams/line-splitter.js';
import { fixture } from '../../support/fixtures.js';

// Cuts a text into chunks of pseudo-random sizes (1..max), deterministically.
function chunks(text: string, max: number, seed = 7): string[] {
  const out: string[] = [];
  let state = seed;
  for (let i = 0; i < text.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % max);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

describe('LineSplitter', () => {
  it('keeps a partial line until the chunk that ends it', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('{"a":')).toEqual([]);
    expect(splitter.push('1}\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(':2}\r\n\n')).toEqual(['{"b":2}', '']);
    expect(splitter.push('tail')).toEqual([]);
    expect(splitter.end()).toEqual(['tail']);
    expect(splitter.end()).toEqual([]);
  });

  it.each([1, 2, 7, 64, 4096])('gives the same lines whatever the chunk size (up to %i)', (max) => {
    const text = fixture('events/lifecycle.cli20.jsonl');
    const splitter = new LineSplitter();
    const lines = chunks(text, max).flatMap((chunk) => splitter.push(chunk)).concat(splitter.end());
    expect(lines).toEqual(text.split('\n').slice(0, -1));
  });
});
