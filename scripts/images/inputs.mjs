// Hashes an image folder's build inputs: the files git would track there (ignored outputs such as
// fetched jars are left out), so a tag changes exactly when a Dockerfile or script changes.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { run } from './docker.mjs';

async function listFiles(dir) {
  const git = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '.'], { cwd: dir });
  if (git.exitCode === 0) return git.output.split('\n').filter(Boolean).sort();
  const files = [];
  const walk = async (current) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(dir, path));
    }
  };
  await walk(dir);
  return files.sort();
}

// A short, stable hash of the given seed strings plus every input file in `dir`.
export async function hashInputs(dir, seeds) {
  const hash = createHash('sha256');
  for (const seed of seeds) hash.update(`${seed}\0`);
  for (const file of await listFiles(dir)) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}
