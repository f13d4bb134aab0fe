import { describe, expect, it } from 'vitest';
import { removalErrors } from '../../../src/cleanup/sweep.js';

describe('removalErrors', () => {
  it('passes over resources that are gone or being removed by another process', () => {
    // stderr of `docker rm -f -v a b c` from CLI 28.2 / dockerd 20.10, one line per failed id.
    const stderr = [
      'Error response from daemon: removal of container 3f2a9c1b7d4e is already in progress',
      'Error: No such container: 8c1d2e3f4a5b',
      '',
    ].join('\n');
    expect(removalErrors(stderr)).toEqual([]);
  });

  it('keeps any other failure', () => {
    const stderr = 'Error response from daemon: removal of container 3f2a9c1b7d4e is already in progress\nError response from daemon: error while removing network: network x id 1 has active endpoints\n';
    expect(removalErrors(stderr)).toEqual(['Error response from daemon: error while removing network: network x id 1 has active endpoints']);
  });
});
