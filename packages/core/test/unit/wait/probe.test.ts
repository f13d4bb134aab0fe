import { describe, expect, it } from 'vitest';
import { InvalidOptionError, Wait } from '../../../src/index.js';

describe('Wait.forProbe', () => {
  it('runs during the inspect only when told it needs just the id', () => {
    expect(Wait.forProbe('ping', () => Promise.resolve(true)).idOnly).toBe(false);
    expect(Wait.forProbe('ping', () => Promise.resolve(true), { idOnly: true }).idOnly).toBe(true);
  });

  it('rejects a probe that is not a function', () => {
    expect(() => Wait.forProbe('ping', 'PING' as never)).toThrow(InvalidOptionError);
    expect(() => Wait.forProbe('ping', 'PING' as never)).toThrow(/`Wait.forProbe`: "PING"/);
  });
});
