// Starts the detached watcher that cleans up a session after its process dies, even by SIGKILL,
// without any helper image: it removes the session's resources and kills its docker streams.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Reaper {
  /** Tells the watcher the session closed normally; it exits without removing anything. */
  release(): void;
  /** A long-running docker process of the session (a stream): the watcher kills it if this process dies first. */
  started(pid: number): void;
  /** That process ended. */
  ended(pid: number): void;
}

function reaperScript(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(new URL(fromSource ? './reaper-main.ts' : './reaper-main.js', import.meta.url));
  const needsFlag = fromSource && !(process.features as { typescript?: unknown }).typescript;
  return { path, execArgv: needsFlag ? ['--experimental-strip-types', '--no-warnings'] : [] };
}

// Spawns the watcher for `sessionId`; it inherits the docker environment (DOCKER_HOST, context).
export function startReaper(sessionId: string, binary: string, env: Record<string, string | undefined>): Reaper {
  const script = reaperScript();
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, [...script.execArgv, script.path, sessionId, binary, String(process.pid)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env,
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  } catch {
    child = undefined;
  }
  const tell = (line: string, end = false) => {
    if (!child?.stdin || child.stdin.destroyed || child.stdin.writableEnded) return;
    if (end) child.stdin.end(line);
    else child.stdin.write(line);
  };
  return {
    release: () => tell('done\n', true),
    started: (pid) => tell(`started ${pid}\n`),
    ended: (pid) => tell(`ended ${pid}\n`),
  };
}
