// `ps`'s status of a recorded service: looked up by container id, so a reused container (no
// session label) that runs shows its status, not "gone".
import { describe, expect, it } from 'vitest';
import { serviceStatus } from '../../../src/cli/engine.js';

describe('serviceStatus', () => {
  const statuses = new Map([['a'.repeat(64), 'Up 3 minutes'], ['b'.repeat(64), 'Exited (0) 1 minute ago']]);

  it('is the status of the container with that id, whatever labels it carries', () => {
    expect(serviceStatus('a'.repeat(64), statuses)).toBe('Up 3 minutes');
    expect(serviceStatus('b'.repeat(12), statuses)).toBe('Exited (0) 1 minute ago');
  });

  it('is gone when no such container exists, and says when the environment brought the service', () => {
    expect(serviceStatus('c'.repeat(64), statuses)).toBe('gone');
    expect(serviceStatus(null, statuses)).toBe('brought by the environment');
  });
});
