// The machine-wide lock between processes: exclusive, released at the end, taken over when its
// holder died (even by SIGKILL), and it leaves the process's signal machinery alone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withMachineLock } from '../../src/lock.js';

const fixture = fileURLToPath(new URL('../fixtures/hold-lock.mjs', import.meta.url));

async function holdInChild(name: string) {
  const child = spawn(process.execPath, [fixture, name], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('locked\n');
  return child;
}

describe('withMachineLock', () => {
  it('lets one holder in at a time', async () => {
    const name = `test-exclusive-${process.pid}-${Date.now()}`;
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 6 }, () => withMachineLock(name, async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    })));
    expect(most).toBe(1);
  });

  it('waits for another process, then gets the lock when it is released', async () => {
    const name = `test-release-${process.pid}-${Date.now()}`;
    const child = await holdInChild(name);
    let got = false;
    const waiting = withMachineLock(name, async () => {
      got = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got).toBe(false);
    child.stdin.end();
    await waiting;
    expect(got).toBe(true);
  });

  it('takes over a lock whose holder was SIGKILLed', async () => {
    const name = `test-stale-${process.pid}-${Date.now()}`;
    const child = await holdInChild(name);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const started = Date.now();
    expect(await withMachineLock(name, async () => 'mine', 10_000)).toBe('mine');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up after its timeout, naming the lock and its holder', async () => {
    const name = `test-timeout-${process.pid}-${Date.now()}`;
    const child = await holdInChild(name);
    try {
      await expect(withMachineLock(name, async () => undefined, 300)).rejects.toThrow(new RegExp(`waiting for the machine lock .*${name}.*held by pid ${child.pid}`));
    } finally {
      child.stdin.end();
      await once(child, 'exit');
    }
  });

  it('leaves process.emit and the signal listeners as they were', async () => {
    const emit = process.emit;
    const listeners = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((s) => process.listenerCount(s));
    await withMachineLock(`test-state-${process.pid}`, async () => undefined);
    expect(process.emit).toBe(emit);
    expect(['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((s) => process.listenerCount(s))).toEqual(listeners);
  });
});
