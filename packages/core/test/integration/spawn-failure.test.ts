// A docker process that cannot start says why (the errno and what it means), not always "not found".
import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DockerCommandError, Executor, Redactor } from '../../src/index.js';
import { buildDist } from '../support/build.js';

const execFileAsync = promisify(execFile);
const script = join(import.meta.dirname, '../fixtures/processes/gone-cwd.mjs');

interface Outcome {
  ok?: true;
  name?: string;
  code?: string;
  message?: string;
  causeCode?: string;
}

// Runs the fixture in a fresh temporary folder that it removes under itself.
async function inRemovedFolder(mode: 'remembered' | 'forgotten'): Promise<{ folder: string; report: Record<'connect' | 'raw' | 'stream', Outcome> }> {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'dw-gone-cwd-')));
  const { stdout } = await execFileAsync(process.execPath, [script, folder, mode], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  return { folder, report: JSON.parse(stdout) as Record<'connect' | 'raw' | 'stream', Outcome> };
}

describe('a process whose working folder was removed', () => {
  beforeAll(() => {
    // The fixture imports the built package: build it from the current source (incremental).
    buildDist('packages/core/tsconfig.json');
  }, 300_000);

  it.for(['remembered', 'forgotten'] as const)('connect, raw and streams name the removed folder and ENOENT (the folder %s by Node)', async (mode) => {
    const { folder, report } = await inRemovedFolder(mode);
    for (const [call, outcome] of Object.entries(report)) {
      expect(outcome, call).toMatchObject({ name: 'DockerCommandError', code: 'SPAWN_FAILED', causeCode: 'ENOENT' });
      expect(outcome.message, call).toContain(`could not start: the working folder ${folder} no longer exists (ENOENT)`);
      expect(outcome.message, call).not.toMatch(/not found/);
    }
  });
});

describe('a docker binary that does not exist', () => {
  it('is still DOCKER_NOT_FOUND, saying not found', async () => {
    const executor = new Executor({ binary: 'docker-wrapper-no-such-binary', env: process.env, redactor: new Redactor() });
    const error = await executor.raw(['version']).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('DOCKER_NOT_FOUND');
    expect((error as DockerCommandError).message).toBe('`docker version` could not start: the docker binary `docker-wrapper-no-such-binary` was not found (ENOENT)');
  });
});
