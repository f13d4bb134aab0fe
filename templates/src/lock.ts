// A lock shared by every process on this machine (two workers never start the same reusable
// service or build the same cached image twice). Files live in the OS temp folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

// Runs `fn` while holding the machine-wide lock `name`; waits for it up to `timeoutMs`.
export async function withMachineLock<T>(name: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const dir = join(tmpdir(), 'docker-wrapper-locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^a-zA-Z0-9_.-]/g, '_')}.lock`);
  await writeFile(file, '', { flag: 'a' });
  const retries = Math.ceil(timeoutMs / 100);
  const release = await lockfile.lock(file, { stale: 15_000, update: 5_000, retries: { retries, minTimeout: 25, maxTimeout: 100, factor: 1.3 }, realpath: false });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
