// Importing the packages on a Node.js older than 22 fails with one sentence naming both versions,
// not with an error from inside a dependency. Runs the built packages (dist) in this machine's
// older node (/usr/bin/node, or DOCKER_WRAPPER_OLD_NODE).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR } from '../../src/node-version.js';
import { buildDist, repoRoot } from '../support/build.js';

const execFileAsync = promisify(execFile);
const oldNode = process.env.DOCKER_WRAPPER_OLD_NODE ?? '/usr/bin/node';

// The version of `oldNode` when it is older than the packages need, else why the test cannot run.
async function olderNode(): Promise<{ version: string } | { skip: string }> {
  if (!existsSync(oldNode)) return { skip: `no ${oldNode} on this machine to try an older Node.js with` };
  const { stdout } = await execFileAsync(oldNode, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const version = stdout.trim();
  if (Number(version.split('.')[0]) >= MIN_NODE_MAJOR) return { skip: `${oldNode} is Node.js ${version}, not older than ${MIN_NODE_MAJOR}` };
  return { version };
}

describe(`importing on a Node.js older than ${MIN_NODE_MAJOR}`, () => {
  let old: { version: string } | { skip: string };
  beforeAll(async () => {
    old = await olderNode();
    if ('version' in old) buildDist();
  }, 300_000);

  it.for([
    ['@docker-wrapper/core', 'packages/core/dist/index.js'],
    ['@docker-wrapper/templates (which imports core)', 'templates/dist/index.js'],
  ] as const)('%s fails with a sentence naming the needed and the running version', async ([, entry], { skip }) => {
    if ('skip' in old) return skip(old.skip);
    const script = `import(${JSON.stringify(join(repoRoot, entry))}).then(() => console.log('imported'), (e) => console.log(e.code + ': ' + e.message))`;
    const { stdout } = await execFileAsync(oldNode, ['-e', script], { encoding: 'utf8', cwd: repoRoot });
    expect(stdout.trim()).toBe(`UNSUPPORTED_NODE: docker-wrapper needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${old.version} (${oldNode}).`);
  });

  it('a plain `import` prints the sentence and exits non-zero', async ({ skip }) => {
    if ('skip' in old) return skip(old.skip);
    const entry = join(repoRoot, 'templates/dist/index.js');
    const outcome = await execFileAsync(oldNode, ['--input-type=module', '-e', `import ${JSON.stringify(entry)};`], { encoding: 'utf8' }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`docker-wrapper needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${old.version}`);
    expect(outcome.stderr).not.toContain('TEXT_ENCODINGS');
  });
});
