import { describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../../src/cleanup/background.js';

const later = (ms: number, fn: () => void = () => undefined) => new Promise<void>((resolve) => setTimeout(() => (fn(), resolve()), ms));

describe('background work', () => {
  it('settles after every task, those added meanwhile and failed ones included', async () => {
    const work = new BackgroundWork();
    const done: string[] = [];
    work.add(later(30, () => done.push('slow')));
    work.add(Promise.reject(new Error('left to the sweep')));
    work.add(later(5, () => {
      done.push('fast');
      work.add(later(40, () => done.push('added meanwhile')));
    }));
    await work.settled();
    expect(done.sort()).toEqual(['added meanwhile', 'fast', 'slow']);
  });

  it('settles at once with nothing to wait for, and again after more work', async () => {
    const work = new BackgroundWork();
    await work.settled();
    let finished = false;
    work.add(later(10, () => (finished = true)));
    await work.settled();
    expect(finished).toBe(true);
  });
});
