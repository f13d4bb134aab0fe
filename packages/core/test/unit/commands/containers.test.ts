import { describe, expect, it } from 'vitest';
import {
  execArgs, isExecRefusal, killCommand, logsArgs, parseIdList, removeContainersCommand, restartCommand, stopCommand, waitCommand,
} from '../../../src/commands/containers.js';
import { fixture } from '../../support/fixtures.js';

describe('container command arguments', () => {
  it('exec: user, workdir, env and -i before the id, the command after it', () => {
    expect(execArgs('c1', ['sh', '-c', 'id'], { user: '1000:1000', workdir: '/tmp', env: { A: '--x', B: '2' }, interactive: true })).toEqual([
      'exec', '-i', '--user', '1000:1000', '--workdir', '/tmp', '-e', 'A=--x', '-e', 'B=2', 'c1', 'sh', '-c', 'id',
    ]);
    expect(execArgs('c1', ['--help'])).toEqual(['exec', 'c1', '--help']);
  });

  it('logs: follow, since (Date, seconds or relative), tail, timestamps', () => {
    expect(logsArgs('c1')).toEqual(['logs', 'c1']);
    expect(logsArgs('c1', { follow: true, since: new Date(1_700_000_000_250), tail: 10, timestamps: true })).toEqual([
      'logs', '--follow', '--since', '1700000000.250', '--tail', '10', '--timestamps', 'c1',
    ]);
    expect(logsArgs('c1', { since: '10m', tail: 'all' })).toEqual(['logs', '--since', '10m', '--tail', 'all', 'c1']);
    expect(logsArgs('c1', { since: 1_700_000_000, tail: 0 })).toEqual(['logs', '--since', '1700000000', '--tail', '0', 'c1']);
  });

  it('stop, restart, kill, remove', () => {
    expect(stopCommand('c1').args).toEqual(['stop', 'c1']);
    expect(stopCommand('c1', 0).args).toEqual(['stop', '--time', '0', 'c1']);
    expect(restartCommand('c1', 2).args).toEqual(['restart', '--time', '2', 'c1']);
    expect(killCommand('c1').args).toEqual(['kill', '--signal', 'KILL', 'c1']);
    expect(killCommand('c1', 'SIGTERM').args).toEqual(['kill', '--signal', 'SIGTERM', 'c1']);
    expect(removeContainersCommand(['a', 'b']).args).toEqual(['rm', '-f', '-v', 'a', 'b']);
    expect(removeContainersCommand(['a'], { volumes: false }).args).toEqual(['rm', '-f', 'a']);
  });

  it('wait parses the exit code', () => {
    expect(waitCommand('c1').args).toEqual(['wait', 'c1']);
    expect(waitCommand('c1').parse('137\n')).toBe(137);
  });

  it('parseIdList reads one id a line', () => {
    expect(parseIdList('abc\n def \n\n')).toEqual(['abc', 'def']);
    expect(parseIdList('')).toEqual([]);
  });
});

describe('isExecRefusal on captured `docker exec` failures', () => {
  it.each(['exec-no-such-container', 'exec-not-running', 'exec-paused', 'podman-exec-missing', 'podman-exec-not-running', 'podman-exec-paused'].flatMap((name) => [`${name}.cli20.txt`, `${name}.cli28.txt`]))('%s is docker refusing', (file) => {
    expect(isExecRefusal(fixture(`stderr/${file}`))).toBe(true);
  });

  it('is not fooled by the command\'s own output', () => {
    expect(isExecRefusal('')).toBe(false);
    expect(isExecRefusal('sh: 1: nope: not found\n')).toBe(false);
    expect(isExecRefusal('starting\nError: No such container: x\n')).toBe(false);
    expect(isExecRefusal('Error: could not connect to db\n')).toBe(false);
  });
});
