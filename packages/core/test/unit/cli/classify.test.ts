import { describe, expect, it } from 'vitest';
import { classifyStderr, summarizeStderr } from '../../../src/cli/classify.js';
import type { ErrorCode } from '../../../src/errors.js';
import { fixture, fixtureNames } from '../../support/fixtures.js';

// Every captured stderr (test/fixtures/stderr/<case>.cli{20,28}.txt) and the code it must get.
const EXPECTED: Record<string, ErrorCode> = {
  'container-inspect-missing': 'NO_SUCH_CONTAINER',
  'context-not-found': 'COMMAND_FAILED',
  'daemon-unreachable': 'DAEMON_UNREACHABLE',
  'exec-no-such-container': 'NO_SUCH_CONTAINER',
  'exec-not-running': 'COMMAND_FAILED',
  'exec-paused': 'COMMAND_FAILED',
  'image-inspect-missing': 'IMAGE_NOT_FOUND',
  'image-not-found': 'IMAGE_NOT_FOUND',
  'name-in-use': 'NAME_IN_USE',
  'network-name-in-use': 'NAME_IN_USE',
  // The untyped `docker inspect` cannot say what kind of object is missing ("No such object").
  'no-such-container': 'NO_SUCH_RESOURCE',
  'no-such-network': 'NO_SUCH_RESOURCE',
  // Podman's wordings (its Docker-compatible API, through both CLIs).
  'podman-exec-missing': 'NO_SUCH_CONTAINER',
  'podman-exec-not-running': 'COMMAND_FAILED',
  'podman-exec-paused': 'COMMAND_FAILED',
  'podman-image-inspect-missing': 'IMAGE_NOT_FOUND',
  'podman-image-rm-missing': 'IMAGE_NOT_FOUND',
  'podman-name-in-use': 'NAME_IN_USE',
  'podman-network-name-in-use': 'NAME_IN_USE',
  'podman-run-image-missing': 'IMAGE_NOT_FOUND',
  'port-allocated': 'PORT_ALLOCATED',
  'pull-manifest-unknown': 'IMAGE_NOT_FOUND',
  // No DNS for Docker Hub says nothing about the image: it must not pass for IMAGE_NOT_FOUND.
  'pull-registry-unreachable': 'COMMAND_FAILED',
  'stop-no-such-container': 'NO_SUCH_CONTAINER',
  'volume-in-use': 'COMMAND_FAILED',
  'volume-inspect-missing': 'NO_SUCH_RESOURCE',
};

const files = fixtureNames('stderr');

describe('classifyStderr on captured docker 20.10 and 28 output', () => {
  it('has an expectation for every captured file, from both CLIs', () => {
    const cases = new Set(files.map((file) => file.replace(/\.cli\d+\.txt$/, '')));
    expect([...cases].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const name of Object.keys(EXPECTED)) {
      expect(files).toContain(`${name}.cli20.txt`);
      expect(files).toContain(`${name}.cli28.txt`);
    }
  });

  it.each(files)('%s', (file) => {
    const name = file.replace(/\.cli\d+\.txt$/, '');
    expect(classifyStderr(fixture(`stderr/${file}`))).toBe(EXPECTED[name]);
  });

  it('falls back to COMMAND_FAILED for empty or unknown output', () => {
    expect(classifyStderr('')).toBe('COMMAND_FAILED');
    expect(classifyStderr('something odd happened')).toBe('COMMAND_FAILED');
  });
});

describe('summarizeStderr', () => {
  it('keeps the telling line and drops the CLI prefix and the help hint', () => {
    expect(summarizeStderr(fixture('stderr/image-not-found.cli28.txt'))).toBe('Error response from daemon: No such image: no-such-image:1');
    expect(summarizeStderr(fixture('stderr/image-not-found.cli20.txt'))).toBe('Error response from daemon: No such image: no-such-image:1.');
    expect(summarizeStderr(fixture('stderr/no-such-network.cli28.txt'))).toBe('Error response from daemon: network no-such-net not found');
    expect(summarizeStderr(fixture('stderr/port-allocated.cli28.txt'))).toMatch(/Bind for 127\.0\.0\.1:45999 failed: port is already allocated$/);
  });

  it('uses the last line when no line looks like an error, and nothing for no output', () => {
    expect(summarizeStderr('first\nsecond\n')).toBe('second');
    expect(summarizeStderr('  \n')).toBe('');
  });
});
