// One connection to the engine: a `docker system dial-stdio` process whose stdin and stdout carry
// the bytes of one HTTP connection. The CLI makes the connection, so DOCKER_HOST, contexts, ssh and
// TLS resolve exactly as for every other docker call. An idle connection holds no Node process
// open (node's http agent unrefs sockets it keeps for reuse).
import { Duplex } from 'node:stream';
import { execa } from 'execa';
import type { ProcessWatcher } from '../cli/executor.js';
import { OWN_PROCESS } from '../cli/own-process.js';

export interface DialOptions {
  binary: string;
  env: Record<string, string | undefined>;
  watcher?: ProcessWatcher | undefined;
}

/** The socket node's http agent writes requests to, with what the process said when it failed. */
export interface DialedSocket extends Duplex {
  /** The process's standard error so far (why the connection could not be made or was lost). */
  readonly stderrText: () => string;
  /** Resolves when the process has exited (at once when it already has). */
  readonly exited: Promise<void>;
  /** The errno (`ENOENT`, `EACCES`...) when the process could not be started at all. */
  spawnErrno?: string;
}

const STDERR_LIMIT = 4096;

// Starts one dial-stdio process and wraps it as a socket.
export function dialStdio(options: DialOptions): DialedSocket {
  const child = execa(options.binary, ['system', 'dial-stdio'], {
    ...OWN_PROCESS,
    env: options.env,
    reject: false,
    buffer: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  // The node ChildProcess under execa's subprocess, for ref()/unref().
  const handle = child.nodeChildProcess;
  let done = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString();
  });
  const socket = Duplex.from({ readable: child.stdout, writable: child.stdin }) as DialedSocket;
  const pipes = [child.stdin, child.stdout, child.stderr] as Array<{ ref?: () => void; unref?: () => void } | null>;
  const exited = child.then((result) => {
    done = true;
    // Never started (no binary, no working folder): execa reports the system's errno.
    const errno = (result as { code?: unknown }).code;
    if (result.exitCode === undefined && !result.signal && typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) socket.spawnErrno = errno;
  }, () => {
    done = true;
  });
  Object.assign(socket, {
    stderrText: () => stderr,
    exited,
    // node's http agent calls these on the sockets it pools: a pooled idle connection holds
    // nothing open; one in use holds the process as any pending call would.
    ref: () => {
      handle.ref();
      for (const pipe of pipes) pipe?.ref?.();
      return socket;
    },
    unref: () => {
      handle.unref();
      for (const pipe of pipes) pipe?.unref?.();
      return socket;
    },
    setKeepAlive: () => socket,
    setNoDelay: () => socket,
    setTimeout: () => socket,
  });
  const { pid } = child;
  if (options.watcher && pid !== undefined) {
    options.watcher.started(pid);
    void exited.then(() => options.watcher?.ended(pid));
  }
  // A destroyed socket (agent closed, request aborted, pool destroyed) ends its process.
  socket.on('close', () => {
    if (!done) child.kill();
  });
  // The process ending (daemon gone, ssh dropped, killed) closes its stdout: once the bytes already
  // sent are read, the socket is destroyed, so the agent drops it from its pool and no call waits
  // on a dead connection.
  socket.on('end', () => socket.destroy());
  return socket;
}
