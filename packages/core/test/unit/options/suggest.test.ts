import { describe, expect, it } from 'vitest';
import { closestName, didYouMean } from '../../../src/options/suggest.js';

describe('closestName / didYouMean', () => {
  const known = ['database', 'password', 'initScripts', 'startupTimeout'];

  it('suggests the closest known name for a typo, ignoring case', () => {
    expect(closestName('databse', known)).toBe('database');
    expect(closestName('Password', known)).toBe('password');
    expect(didYouMean('initscript', known)).toBe(' Did you mean `initScripts`?');
  });

  it('suggests nothing for a name that is no typo of any', () => {
    expect(closestName('volume', known)).toBeUndefined();
    expect(didYouMean('volume', known)).toBe('');
  });
});
