// The watcher process behind SIGKILL-proof cleanup. Started detached by the session's process with
// a pipe on its stdin; when that pipe closes without a "done" line (the parent died, however), or
// the parent's pid disappears, it removes every resource labelled with the session and exits.
// Self-contained on purpose (node built-ins only, erasable TypeScript): it runs on its own.
import { spawnSync } from 'node:child_process';

const [sessionId, binary, parentPidText] = process.argv.slice(2);
const parentPid = Number(parentPidText);
const filter = `label=docker-wrapper.session=${sessionId}`;
let finished = false;

function docker(args: string[]): string {
  const result = spawnSync(binary ?? 'docker', args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.stdout ?? '';
}

function ids(args: string[]): string[] {
  return docker(args).split('\n').map((line) => line.trim()).filter(Boolean);
}

function sweepOnce(): number {
  const containers = ids(['ps', '-aq', '--filter', filter]);
  if (containers.length > 0) docker(['rm', '-f', '-v', ...containers]);
  const networks = ids(['network', 'ls', '-q', '--filter', filter]);
  if (networks.length > 0) docker(['network', 'rm', ...networks]);
  const volumes = ids(['volume', 'ls', '-q', '--filter', filter]);
  if (volumes.length > 0) docker(['volume', 'rm', '-f', ...volumes]);
  return containers.length + networks.length + volumes.length;
}

function reap(): void {
  if (finished) return;
  finished = true;
  // docker processes the parent started just before dying may still create resources: sweep again
  // a little later, then once more.
  sweepOnce();
  setTimeout(() => {
    sweepOnce();
    setTimeout(() => {
      sweepOnce();
      process.exit(0);
    }, 3000);
  }, 1500);
}

let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  if (buffered.includes('done\n')) {
    finished = true;
    process.exit(0);
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
