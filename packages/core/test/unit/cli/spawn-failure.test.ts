import { describe, expect, it } from 'vitest';
import { explainSpawnFailure, type SpawnFacts } from '../../../src/cli/spawn-failure.js';

const fine: SpawnFacts = { binary: '/usr/bin/docker', binaryFound: true, cwd: '/work', cwdExists: true };

describe('explainSpawnFailure', () => {
  it('ENOENT: the missing binary is DOCKER_NOT_FOUND, a removed working folder is not', () => {
    expect(explainSpawnFailure('ENOENT', 'spawn docker ENOENT', { ...fine, binary: 'docker', binaryFound: false })).toEqual({ code: 'DOCKER_NOT_FOUND', reason: 'the docker binary `docker` was not found (ENOENT)' });
    const gone = explainSpawnFailure('ENOENT', 'spawn /usr/bin/docker ENOENT', { ...fine, cwd: '/tmp/run-1', cwdExists: false });
    expect(gone.code).toBe('SPAWN_FAILED');
    expect(gone.reason).toMatch(/^the working folder \/tmp\/run-1 no longer exists \(ENOENT\): it was removed while this process was in it/);
    // Both missing: the folder is what stops every process, so it is named.
    expect(explainSpawnFailure('ENOENT', '', { ...fine, binaryFound: false, cwd: undefined, cwdExists: false }).reason).toMatch(/^the working folder no longer exists/);
    expect(explainSpawnFailure('ENOENT', 'spawn /usr/bin/docker ENOENT', fine)).toEqual({ code: 'SPAWN_FAILED', reason: 'no such file or directory (ENOENT), although `/usr/bin/docker` and the working folder exist: spawn /usr/bin/docker ENOENT' });
  });

  it.each([
    ['EACCES', /^permission denied \(EACCES\): `\/usr\/bin\/docker` is not executable by this user/],
    ['EAGAIN', /\(EAGAIN\): the process limit of this user \(`ulimit -u`\)/],
    ['EMFILE', /too many open files \(EMFILE\).*`ulimit -n`/],
    ['ENFILE', /\(ENFILE\)/],
    ['ENOMEM', /not enough memory .*\(ENOMEM\)/],
    ['E2BIG', /too long for one process \(E2BIG\)/],
    ['ENOTDIR', /is not a folder \(ENOTDIR\)/],
    ['ENOEXEC', /not a program this system can run \(ENOEXEC\)/],
    ['EPERM', /^the operation is not permitted \(EPERM\): spawn failed$/],
    ['EWHATEVER', /^EWHATEVER: spawn failed$/],
  ])('%s is SPAWN_FAILED and says what it means', (errno, reason) => {
    const explained = explainSpawnFailure(errno, 'spawn failed', fine);
    expect(explained.code).toBe('SPAWN_FAILED');
    expect(explained.reason).toMatch(reason);
  });

  it('without an errno, the system\'s own words', () => {
    expect(explainSpawnFailure(undefined, 'The process is exiting', fine)).toEqual({ code: 'SPAWN_FAILED', reason: 'The process is exiting' });
    expect(explainSpawnFailure(undefined, '', fine).reason).toBe('the process could not be started');
  });
});
