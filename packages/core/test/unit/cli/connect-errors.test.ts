import { describe, expect, it } from 'vitest';
import { asSentence } from '../../../src/cli/classify.js';
import { contextUnusableMessage, engineUnreachableMessage } from '../../../src/cli/connect-errors.js';
import { bothClis, fixture, fixtureNames } from '../../support/fixtures.js';

// Punctuation a message must never show: docker's own end mark followed by ours.
const DOUBLED = /[.?!:;]\.(\s|$)/;

describe('connect failure messages on captured docker stderr', () => {
  it.each(bothClis('stderr/daemon-unreachable.{cli}.txt'))('daemon unreachable (%s): docker\'s question mark ends the sentence', (_cli, stderr) => {
    const message = engineUnreachableMessage('unix:///nonexistent.sock', stderr);
    expect(message).toContain('is not reachable: Cannot connect to the Docker daemon at unix:///nonexistent.sock. Is the docker daemon running? Start it');
    expect(message).not.toMatch(DOUBLED);
  });

  it.each(bothClis('stderr/context-not-found.{cli}.txt'))('context not found (%s): a period is added where docker has none', (_cli, stderr) => {
    const message = contextUnusableMessage('dw-no-such-context', 'env', stderr);
    expect(message).toMatch(/^The docker context "dw-no-such-context" \(from DOCKER_CONTEXT\) cannot be used: .*(does not exist|no such file or directory)\. Pick one from `docker context ls`/);
    expect(message).not.toMatch(DOUBLED);
  });

  it('says so when docker printed nothing', () => {
    expect(engineUnreachableMessage('tcp://10.0.0.5:2375', '')).toContain('is not reachable: docker printed no reason. Start it');
  });
});

describe('asSentence', () => {
  it.each(fixtureNames('stderr'))('never doubles the end mark of %s', (file) => {
    const line = fixture(`stderr/${file}`).trim().split('\n').pop() ?? '';
    const sentence = asSentence(line);
    expect(sentence).toMatch(/[.?!:;]$/);
    expect(`${sentence} Next.`).not.toMatch(DOUBLED);
  });

  it('adds a period only where none ends the text', () => {
    expect(asSentence('Is the docker daemon running?')).toBe('Is the docker daemon running?');
    expect(asSentence('No such image: x:1.\n')).toBe('No such image: x:1.');
    expect(asSentence('context not found')).toBe('context not found.');
    expect(asSentence('  ')).toBe('');
  });
});
