import { describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR, nodeVersionProblem } from '../../src/node-version.js';

describe('nodeVersionProblem', () => {
  it('names the needed and the running version on an older Node.js', () => {
    expect(nodeVersionProblem('20.20.2')).toBe('docker-wrapper needs Node.js 22 or newer; this is 20.20.2');
    expect(nodeVersionProblem('v18.19.1')).toBe('docker-wrapper needs Node.js 22 or newer; this is 18.19.1');
  });

  it('accepts 22 and newer, and this process', () => {
    expect(MIN_NODE_MAJOR).toBe(22);
    expect(nodeVersionProblem('22.0.0')).toBeUndefined();
    expect(nodeVersionProblem('24.22.3')).toBeUndefined();
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });
});
