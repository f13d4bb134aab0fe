import { describe, expect, it } from 'vitest';
import { suggestName } from '../../src/run/suggest.js';

describe('suggestName (a test process\'s "did you mean")', () => {
  it('names the closest service when it is a likely typo', () => {
    expect(suggestName('dbb', ['db', 'cache', 'bus'])).toBe(' Did you mean `db`?');
    expect(suggestName('Cahce', ['db', 'cache', 'bus'])).toBe(' Did you mean `cache`?');
  });

  it('says nothing when no name is close', () => {
    expect(suggestName('elasticsearch', ['db', 'cache'])).toBe('');
    expect(suggestName('db', [])).toBe('');
  });
});
