// Why a docker process could not start: the system error (errno) of the failed spawn in words. The
// binary and the working folder are checked, because the kernel says ENOENT for either.
import { existsSync, readlinkSync } from 'node:fs';
import type { ErrorCode } from '../errors.js';
import { findExecutable } from './runtime.js';

/** What was true when the spawn failed. */
export interface SpawnFacts {
  binary: string;
  /** The binary exists and may be executed (as a path, or on PATH). */
  binaryFound: boolean;
  /** The working folder the process was to start in, as far as it is known. */
  cwd: string | undefined;
  cwdExists: boolean;
}

// The error code and the reason for a spawn that failed with `errno` (`detail`: the system's words).
export function explainSpawnFailure(errno: string | undefined, detail: string, facts: SpawnFacts): { code: ErrorCode; reason: string } {
  const binary = `\`${facts.binary}\``;
  const fail = (reason: string) => ({ code: 'SPAWN_FAILED' as const, reason });
  if (errno === 'ENOENT' && !facts.cwdExists) {
    return fail(`the working folder${facts.cwd ? ` ${facts.cwd}` : ''} no longer exists (ENOENT): it was removed while this process was in it. Change to an existing folder (\`process.chdir()\`) before using docker`);
  }
  switch (errno) {
    case 'ENOENT':
      return facts.binaryFound ? fail(`no such file or directory (ENOENT), although ${binary} and the working folder exist: ${detail}`) : { code: 'DOCKER_NOT_FOUND', reason: `the docker binary ${binary} was not found (ENOENT)` };
    case 'EACCES':
      return fail(`permission denied (EACCES): ${binary} is not executable by this user, or the working folder cannot be entered`);
    case 'EAGAIN':
      return fail('the system refused to start another process (EAGAIN): the process limit of this user (`ulimit -u`) or of the system is reached');
    case 'EMFILE':
      return fail('this process has too many open files (EMFILE): close the streams and files it no longer needs, or raise `ulimit -n`');
    case 'ENFILE':
      return fail('the system has too many open files (ENFILE)');
    case 'ENOMEM':
      return fail('not enough memory to start a process (ENOMEM)');
    case 'E2BIG':
      return fail('the arguments and environment are too long for one process (E2BIG)');
    case 'ENOTDIR':
      return fail(`a part of the path of ${binary} or of the working folder is not a folder (ENOTDIR)`);
    case 'ENOEXEC':
      return fail(`${binary} is not a program this system can run (ENOEXEC)`);
    case 'EPERM':
      return fail(`the operation is not permitted (EPERM): ${detail}`);
    default:
      return fail(errno ? `${errno}: ${detail}` : detail || 'the process could not be started');
  }
}

// Looks at the binary and the working folder now (after a failed spawn).
export function spawnFacts(binary: string, env: Record<string, string | undefined>): SpawnFacts {
  const binaryFound = findExecutable(binary, env) !== undefined;
  try {
    // Node remembers the folder: it may name one that was removed since.
    const cwd = process.cwd();
    return { binary, binaryFound, cwd, cwdExists: existsSync(cwd) };
  } catch {
    return { binary, binaryFound, cwd: removedFolder(), cwdExists: false };
  }
}

// The folder this process is in when it was removed (Linux names it in /proc), if known.
function removedFolder(): string | undefined {
  try {
    return readlinkSync('/proc/self/cwd').replace(/ \(deleted\)$/, '');
  } catch {
    return undefined;
  }
}
