// A lock shared by every process on this machine (two workers never start the same reusable
// service or build the same cached image twice). Locks are folders in the OS temp folder: `mkdir`
// is atomic, and the holder's pid inside tells a lock left by a dead process. Written here rather
// than taken from proper-lockfile: that library loads signal-exit when imported, which replaces
// `process.emit` in the user's test process (the corrections issue, item 2).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POLL_MS = 25;
/** A lock folder without its owner file for this long was left by a process that died making it. */
const ORPHAN_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The pid of the lock's holder; null while it is being made or when unreadable.
async function holder(path: string): Promise<number | null> {
  const entries = await readdir(path).catch(() => [] as string[]);
  const owner = entries.find((entry) => entry.startsWith('owner-'));
  const pid = owner ? Number(owner.split('-')[1]) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function isAbandoned(path: string): Promise<boolean> {
  const pid = await holder(path);
  if (pid !== null) return !alive(pid);
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > ORPHAN_MS;
}

async function tryLock(path: string, token: string): Promise<boolean> {
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(join(path, `owner-${process.pid}-${token}`), '', { mode: 0o600 });
  return true;
}

// Removes a lock its holder left by dying. Only under the takeover lock, and only after looking
// again, so a lock just made by a live process is never removed.
async function breakIfAbandoned(path: string, token: string): Promise<void> {
  if (!(await isAbandoned(path))) return;
  const takeover = `${path}.takeover`;
  if (!(await tryLock(takeover, token))) {
    if (await isAbandoned(takeover)) await rm(takeover, { recursive: true, force: true });
    return;
  }
  try {
    if (await isAbandoned(path)) await rm(path, { recursive: true, force: true });
  } finally {
    await rm(takeover, { recursive: true, force: true });
  }
}

// Runs `fn` while holding the machine-wide lock `name`; waits for it up to `timeoutMs`.
export async function withMachineLock<T>(name: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const dir = join(tmpdir(), 'docker-wrapper-locks');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Owner-only, also when an older version made the folder with the default mode (another user's
  // folder stays as it is: chmod is theirs to do).
  await chmod(dir, 0o700).catch(() => undefined);
  const path = join(dir, `${name.replace(/[^a-zA-Z0-9_.-]/g, '_')}.lock.d`);
  const token = randomBytes(6).toString('hex');
  const deadline = Date.now() + timeoutMs;
  while (!(await tryLock(path, token))) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the machine lock ${path} (held by pid ${(await holder(path)) ?? 'unknown'}). Remove the folder if no docker-wrapper process runs.`);
    }
    await breakIfAbandoned(path, token);
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}
