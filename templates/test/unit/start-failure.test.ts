import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DockerCommandError, StartupError } from '@docker-wrapper/core';
import { ServicesStartError, describeStartFailure, shortCommand } from '../../src/start-failure.js';

// stderr of `docker run --pull never redsi:7`, captured from CLI 28.2 against dockerd 20.10.
const NO_SUCH_IMAGE = readFileSync(new URL('../fixtures/stderr/run-pull-never-missing.cli28.txt', import.meta.url), 'utf8');
const RUN_ARGS = ['run', '-d', '--pull', 'never', '--name', 'dw-redsi-1', '--label', 'docker-wrapper.session=abc', '--label', 'docker-wrapper.pid=1', '--label=docker-wrapper.template=redis', '-p', '127.0.0.1::6379/tcp', 'redsi:7'];

describe('shortCommand', () => {
  it('leaves out every label and says how many', () => {
    expect(shortCommand(RUN_ARGS)).toBe('docker run -d --pull never --name dw-redsi-1 -p 127.0.0.1::6379/tcp redsi:7 (3 label(s) elided)');
    expect(shortCommand(['ps', '-q'])).toBe('docker ps -q');
  });
});

describe('describeStartFailure', () => {
  it('leads a failed docker call with docker\'s own reason and its code', () => {
    const error = new DockerCommandError('IMAGE_NOT_FOUND', '`docker run ...` failed (exit 125): ...', { args: RUN_ARGS, exitCode: 125, stderr: NO_SUCH_IMAGE, durationMs: 30 });
    expect(describeStartFailure(error)).toEqual({
      cause: 'Error response from daemon: No such image: redsi:7 [IMAGE_NOT_FOUND]',
      details: ['while running: docker run -d --pull never --name dw-redsi-1 -p 127.0.0.1::6379/tcp redsi:7 (3 label(s) elided)'],
    });
  });

  it('leads a readiness failure with its headline, then state and logs', () => {
    const error = new StartupError({ reason: 'exited', strategy: 'log', elapsedMs: 1200, containerName: 'dw-pg-1', containerId: 'abc', image: 'postgres:17', state: { status: 'exited', exitCode: 3, oomKilled: false, restartCount: 0 }, logs: ['FATAL: boom'] }, 'the container exited with code 3');
    const described = describeStartFailure(error);
    expect(described.cause).toBe('Container dw-pg-1 (postgres:17) did not become ready after 1.2 s waiting for log: the container exited with code 3');
    expect(described.details).toEqual(['State: exited, exit code 3, OOMKilled no, restarts 0', 'Last 1 log line(s):', '  | FATAL: boom']);
  });

  it('adds the code of other coded errors', () => {
    expect(describeStartFailure(Object.assign(new Error('no way'), { code: 'EACCES' })).cause).toBe('no way [EACCES]');
    expect(describeStartFailure('plain').cause).toBe('plain');
  });
});

describe('ServicesStartError', () => {
  it('names each failed service first, details after, and keeps every error', () => {
    const missing = new DockerCommandError('IMAGE_NOT_FOUND', 'x', { args: RUN_ARGS, exitCode: 125, stderr: NO_SUCH_IMAGE, durationMs: 30 });
    const other = new Error('boom');
    const error = new ServicesStartError([{ service: 'cache', kind: 'redis', error: missing }, { service: 'db', kind: 'postgres', error: other }], 3);
    expect(error.message.split('\n').slice(0, 3)).toEqual([
      '2 of 3 service(s) failed to start:',
      '- cache (redis): Error response from daemon: No such image: redsi:7 [IMAGE_NOT_FOUND]',
      '- db (postgres): boom',
    ]);
    expect(error.message).toContain('\n[cache]\nwhile running: docker run');
    expect(error.code).toBe('STARTUP_FAILED');
    expect(error.errors).toEqual([missing, other]);
    expect(error.cause).toBe(missing);
  });
});
