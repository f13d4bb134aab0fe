import { describe, expect, it, vi } from 'vitest';
import { InvalidOptionError, Wait } from '../../../src/index.js';

describe('Wait.forProbe', () => {
  it('runs during the inspect only when told it needs just the id', () => {
    expect(Wait.forProbe('ping', () => Promise.resolve(true)).idOnly).toBe(false);
    expect(Wait.forProbe('ping', () => Promise.resolve(true), { idOnly: true }).idOnly).toBe(true);
  });

  it.each([
    [1, 2],
    [undefined, 1],
  ])('tries again after firstIntervalMs (%s; 10 ms by default): %i tries in the first 2 ms', async (firstIntervalMs, expected) => {
    vi.useFakeTimers();
    try {
      let tries = 0;
      const probe = Wait.forProbe('count', () => Promise.resolve(++tries > 100), firstIntervalMs === undefined ? {} : { firstIntervalMs });
      const controller = new AbortController();
      const waiting = probe.wait({ signal: controller.signal } as never).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(2);
      expect(tries).toBe(expected);
      controller.abort();
      await vi.runAllTimersAsync();
      await waiting;
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a firstIntervalMs that is not 1-10000 ms', () => {
    expect(() => Wait.forProbe('ping', () => Promise.resolve(true), { firstIntervalMs: 0 })).toThrow('Invalid `Wait.forProbe firstIntervalMs`: 0.');
    expect(() => Wait.forProbe('ping', () => Promise.resolve(true), { firstIntervalMs: Number.NaN })).toThrow(InvalidOptionError);
  });

  it('rejects a probe that is not a function', () => {
    expect(() => Wait.forProbe('ping', 'PING' as never)).toThrow(InvalidOptionError);
    expect(() => Wait.forProbe('ping', 'PING' as never)).toThrow(/`Wait.forProbe`: "PING"/);
  });
});
