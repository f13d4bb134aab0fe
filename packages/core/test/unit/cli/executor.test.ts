// The executor with stand-in binaries (sh, sleep): timeouts, cancellation, typed errors, without docker.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Executor } from '../../../src/cli/executor.js';
import { Redactor } from '../../../src/cli/redact.js';
import { DockerCommandError, DockerWrapperError } from '../../../src/errors.js';

function executor(binary: string): Executor {
  return new Executor({ binary, env: process.env, redactor: new Redactor() });
}

// A sleep duration no other process uses, so `ps` can find this test's child.
function uniqueSeconds(): string {
  return `${randomInt(100, 999)}.${randomInt(100, 999)}`;
}

function running(args: string): boolean {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((line) => line.trim() === args);
}

async function rejection(promise: Promise<unknown>): Promise<DockerCommandError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DockerCommandError);
  return error as DockerCommandError;
}

describe('Executor', () => {
  it('kills the process after timeoutMs and throws COMMAND_TIMEOUT', async () => {
    const seconds = uniqueSeconds();
    const started = performance.now();
    const error = await rejection(executor('sleep').raw([seconds], { timeoutMs: 200 }));
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(error.args).toEqual([seconds]);
    expect(error.durationMs).toBeGreaterThanOrEqual(150);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(running(`sleep ${seconds}`)).toBe(false);
  });

  it('kills the process when the signal aborts and throws COMMAND_ABORTED with the reason', async () => {
    const seconds = uniqueSeconds();
    const controller = new AbortController();
    const call = executor('sleep').raw([seconds], { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(running(`sleep ${seconds}`)).toBe(true);
    const reason = new Error('test gave up');
    controller.abort(reason);
    const error = await rejection(call);
    expect(error.code).toBe('COMMAND_ABORTED');
    expect(error.cause).toBe(reason);
    expect(running(`sleep ${seconds}`)).toBe(false);
  });

  it('says DOCKER_NOT_FOUND when the binary does not exist', async () => {
    const error = await rejection(executor('/nonexistent/docker').raw(['version']));
    expect(error.code).toBe('DOCKER_NOT_FOUND');
    expect(error.message).toContain('/nonexistent/docker');
  });

  it('says SPAWN_FAILED with EACCES, not "not found", for a binary that may not be executed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dw-exec-'));
    const binary = join(folder, 'docker');
    writeFileSync(binary, '#!/bin/sh\necho never\n', { mode: 0o644 });
    try {
      const error = await rejection(executor(binary).raw(['version']));
      expect(error.code).toBe('SPAWN_FAILED');
      expect(error.message).toBe(`\`docker version\` could not start: permission denied (EACCES): \`${binary}\` is not executable by this user, or the working folder cannot be entered`);
      expect((error.cause as { code?: string }).code).toBe('EACCES');
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  it('returns exit code and output of a failed process from raw(), and counts every process', async () => {
    const exec = executor('sh');
    const result = await exec.raw(['-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    await exec.raw(['-c', 'true']);
    expect(exec.spawned).toBe(2);
  });

  it('run() throws a classified error carrying redacted args, exit code, stderr and duration', async () => {
    const exec = executor('sh');
    exec.redactor.add('hunter2-secret');
    const script = 'echo "Error response from daemon: No such container: c1 (hunter2-secret)" >&2; exit 1';
    const error = await rejection(exec.run({ args: ['-c', script, 'sh', '-e', 'DB_PASSWORD=pw-1234', 'hunter2-secret'], parse: () => 'unused' }));
    expect(error.code).toBe('NO_SUCH_CONTAINER');
    expect(error.exitCode).toBe(1);
    expect(error.args).toEqual(['-c', script.replace('hunter2-secret', '***'), 'sh', '-e', 'DB_PASSWORD=***', '***']);
    expect(error.stderr).toBe('Error response from daemon: No such container: c1 (***)\n');
    expect(error.durationMs).toBeGreaterThanOrEqual(0);
    expect(error.message).toContain('failed (exit 1): Error response from daemon: No such container: c1 (***)');
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).not.toContain('pw-1234');
  });

  it('run() turns a parser failure into PARSE_ERROR', async () => {
    const error = await executor('sh').run({ args: ['-c', 'echo not-json'], parse: (stdout) => JSON.parse(stdout) as unknown }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DockerWrapperError);
    expect((error as DockerWrapperError).code).toBe('PARSE_ERROR');
  });

  it('passes input to stdin', async () => {
    expect((await executor('sh').raw(['-c', 'cat'], { input: 'piped' })).stdout).toBe('piped');
  });
});
