// Reuse locks and the command line's state files (which name a project's detached sessions and
// containers) are created owner-only: folders 0700, files 0600, whatever the umask.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stateDir, stateFile, writeState } from '../../src/cli/state.js';
import { withMachineLock } from '../../src/lock.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('owner-only files', () => {
  let umask: number;
  beforeEach(() => {
    // The most permissive umask: every bit the code does not clear itself would show.
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('a reuse lock: its folders are 0700 and its owner file 0600', async () => {
    const name = `owner-only-${process.pid}-${Date.now()}`;
    const locks = join(tmpdir(), 'docker-wrapper-locks');
    const seen = await withMachineLock(name, async () => {
      const folder = join(locks, `${name}.lock.d`);
      const [owner] = readdirSync(folder);
      return { locks: mode(locks), folder: mode(folder), owner: mode(join(folder, owner as string)) };
    });
    expect(seen).toEqual({ locks: 0o700, folder: 0o700, owner: 0o600 });
  });

  it('a state file of `up --detach`: its folders are 0700 and the file 0600', () => {
    const env = { DOCKER_WRAPPER_STATE_DIR: join(mkdtempSync(join(tmpdir(), 'dw-state-')), 'state') };
    const project = '/srv/app';
    writeState({ version: 1, project, sessions: [{ sessionId: 's1', configFile: '/srv/app/docker-wrapper.config.mjs', startedAt: new Date().toISOString(), services: {} }] }, env);
    const file = stateFile(project, env);
    expect({ state: mode(stateDir(env)), projects: mode(join(file, '..')), file: mode(file) }).toEqual({ state: 0o700, projects: 0o700, file: 0o600 });
  });
});
