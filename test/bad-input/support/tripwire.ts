// Proof that refused input starts no docker process. Two witnesses:
// - a tripwire binary (DOCKER_WRAPPER_DOCKER_PATH) that only writes down each call and fails: every
//   entry point that connects by itself (Docker.connect, startRun, the adapters, the command line)
//   would run it first;
// - for the APIs that take a connected Docker, a real session whose binary writes each command
//   line down before running the real docker CLI: neither its log nor its executor's counts of
//   processes and Engine API calls may grow.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '@docker-wrapper/core';

export interface Witness {
  /** Path of the script. */
  binary: string;
  /** Every command line it was called with, in order. */
  calls(): string[];
}

function script(body: string): Witness {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bad-input-'));
  const log = join(dir, 'calls.log');
  const binary = join(dir, 'docker');
  writeFileSync(log, '');
  writeFileSync(binary, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n${body}\n`);
  chmodSync(binary, 0o755);
  return { binary, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

// A docker binary that must never be called: it records the call and exits 97.
export function tripwire(): Witness {
  return script('exit 97');
}

export interface WatchedSession extends Witness {
  docker: Docker;
  /** The docker command lines so far, then the executor's process and Engine API call counts. */
  activity(): string[];
}

// A real session (no reaper, no signal handlers) whose docker processes are all written down.
export async function watchedSession(): Promise<WatchedSession> {
  const witness = script('exec docker "$@"');
  const docker = await Docker.connect({ binary: witness.binary, reaper: false, handleSignals: false, connectTimeoutMs: 10_000 });
  const activity = () => [...witness.calls(), `processes: ${docker.executor.spawned}`, `api calls: ${docker.executor.apiCalls}`];
  return { ...witness, docker, activity };
}
