// The watcher process behind SIGKILL-proof cleanup. Started detached by the session's process with
// a pipe on its stdin; when that pipe closes without a "done" line (the parent died, however), or
// the parent's pid disappears, it kills the session's docker streams the parent told it about and
// removes every resource labelled with the session, then exits.
// An engine that no longer answers (a remote engine that went away) gets one line in the reaper's
// log (DOCKER_WRAPPER_REAPER_LOG, else docker-wrapper-reaper.log in the OS temp folder) and the
// watcher exits: nothing is left to remove there from here, and retrying would only spin.
// Self-contained on purpose (node built-ins only, erasable TypeScript): it runs on its own.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [sessionId, binary, parentPidText] = process.argv.slice(2);
const parentPid = Number(parentPidText);
const filter = `label=docker-wrapper.session=${sessionId}`;
let finished = false;

function docker(args: string[]): string {
  const result = spawnSync(binary ?? 'docker', args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.stdout ?? '';
}

// The engine this watcher cleans, as the docker CLI is pointed at it.
function engineName(): string {
  if (process.env.DOCKER_HOST) return process.env.DOCKER_HOST;
  if (process.env.DOCKER_CONTEXT) return `context ${process.env.DOCKER_CONTEXT}`;
  return 'the default engine';
}

function log(line: string): void {
  const file = process.env.DOCKER_WRAPPER_REAPER_LOG || join(tmpdir(), 'docker-wrapper-reaper.log');
  try {
    appendFileSync(file, `${new Date().toISOString()} [docker-wrapper reaper ${process.pid}] ${line}\n`);
  } catch {
    // nowhere to say it
  }
}

// The engine's answer to `docker version`, or why there is none.
function engineAnswers(): { ok: true } | { ok: false; why: string } {
  const result = spawnSync(binary ?? 'docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0 && result.stdout.trim()) return { ok: true };
  const stderr = (result.stderr ?? '').trim().split('\n').filter(Boolean).at(-1);
  return { ok: false, why: result.error ? result.error.message : (stderr ?? `exit code ${result.status}`) };
}

function ids(args: string[]): string[] {
  return docker(args).split('\n').map((line) => line.trim()).filter(Boolean);
}

function sweepOnce(listed?: string): number {
  const containers = listed === undefined ? ids(['ps', '-aq', '--filter', filter]) : listed.split('\n').map((line) => line.trim()).filter(Boolean);
  if (containers.length > 0) docker(['rm', '-f', '-v', ...containers]);
  const networks = ids(['network', 'ls', '-q', '--filter', filter]);
  if (networks.length > 0) docker(['network', 'rm', ...networks]);
  const volumes = ids(['volume', 'ls', '-q', '--filter', filter]);
  if (volumes.length > 0) docker(['volume', 'rm', '-f', ...volumes]);
  return containers.length + networks.length + volumes.length;
}

// The session's long-running docker processes (events, logs -f, stats) still running.
const streams = new Set<number>();

// True when `pid` still runs the session's docker binary (so a reused pid is spared); without
// /proc (macOS), when it runs at all.
function isSessionDocker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === binary;
  } catch {
    if (existsSync('/proc/self')) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

// Streams nobody reads any more would only notice at their next write to the closed pipe.
function killStreams(): void {
  for (const pid of streams) {
    try {
      if (isSessionDocker(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

function reap(): void {
  if (finished) return;
  finished = true;
  killStreams();
  // Asked only when the first listing fails: on a slow engine (ssh) every call counts.
  const listed = spawnSync(binary ?? 'docker', ['ps', '-aq', '--filter', filter], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const engine = listed.status === 0 ? ({ ok: true } as const) : engineAnswers();
  if (!engine.ok) {
    log(`session ${sessionId}: the engine (${engineName()}) does not answer (${engine.why}); nothing removed, exiting. Its resources there carry the label ${filter.slice('label='.length)}.`);
    process.exit(2);
  }
  // docker processes the parent started just before dying may still create resources: sweep again
  // a little later, then once more.
  sweepOnce(listed.stdout);
  setTimeout(() => {
    sweepOnce();
    setTimeout(() => {
      sweepOnce();
      process.exit(0);
    }, 3000);
  }, 1500);
}

// Lines from the session's process: `started <pid>`, `ended <pid>`, and `done` at close().
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (buffered + chunk).split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    const [word, pid] = line.split(' ');
    if (word === 'done') {
      finished = true;
      process.exit(0);
    }
    if (word === 'started') streams.add(Number(pid));
    if (word === 'ended') streams.delete(Number(pid));
  }
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
for (const signal of ['SIGINT', 'SIGHUP', 'SIGPIPE'] as const) process.on(signal, () => undefined);

// A pid check as well, in case the pipe outlives the parent.
const poll = setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch {
    clearInterval(poll);
    reap();
  }
}, 1000);
