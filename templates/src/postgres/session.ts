// One long-lived `docker exec -i ... psql` per service: readiness, isolate(), snapshot() and sql()
// write a script to its stdin and read the answer up to a marker line, a few ms instead of a new
// exec (~100 ms) each time. The exec first waits for the server to accept TCP connections on
// 127.0.0.1 (the init server of a fresh data directory listens on its socket only, so only the
// final server answers), so the session can be opened while Postgres still starts: its first
// script is the readiness check. psql stops at the first error (ON_ERROR_STOP); the session then
// ends with the error, and the next call starts a new one.
import { createInterface } from 'node:readline';
import type { Container, Executor, InteractiveProcess } from '@docker-wrapper/core';
import { DockerWrapperError } from '@docker-wrapper/core';

// Polls pg_isready every 10 ms (at most 2 minutes), then becomes psql over TCP as user "$1". Both
// use the `postgres` database: a probe connected to the service database would hold up copies of it.
const WAIT_THEN_PSQL = [
  'i=0',
  'until pg_isready -q -h 127.0.0.1 -U "$1" -d postgres; do',
  '  i=$((i+1)); if [ "$i" -ge 12000 ]; then echo "postgres never accepted TCP connections" >&2; exit 1; fi',
  '  sleep 0.01',
  'done',
  'exec psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$1" -d postgres',
].join('\n');

interface Pending {
  marker: string;
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (error: Error) => void;
}

export class PsqlSession {
  readonly #executor: Executor;
  readonly #container: Container;
  readonly #user: string;
  #child: InteractiveProcess | undefined;
  #pending: Pending | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #stderr = '';
  #count = 0;

  constructor(executor: Executor, container: Container, user: string) {
    this.#executor = executor;
    this.#container = container;
    this.#user = user;
  }

  // Runs a psql script in the `postgres` database and returns its output lines (unaligned).
  run(script: string): Promise<string[]> {
    const next = this.#queue.then(() => this.#send(script));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #start(): InteractiveProcess {
    const child = this.#executor.spawnInteractive(['exec', '-i', this.#container.id, 'sh', '-c', WAIT_THEN_PSQL, 'sh', this.#user]);
    this.#stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const pending = this.#pending;
      if (!pending) return;
      if (line !== pending.marker) return void pending.lines.push(line);
      this.#pending = undefined;
      pending.resolve(pending.lines);
    });
    void child.then((result) => {
      if (this.#child === child) this.#child = undefined;
      const pending = this.#pending;
      this.#pending = undefined;
      const why = this.#stderr.trim() || `the session ended (exit code ${result.exitCode ?? result.signal ?? 'unknown'})`;
      pending?.reject(new DockerWrapperError('COMMAND_FAILED', `psql in ${this.#container.name} failed: ${why}`));
    });
    this.#idle(child);
    return child;
  }

  // While nothing is asked, the session must not keep the process alive.
  #idle(child: InteractiveProcess): void {
    child.nodeChildProcess.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as { unref?: () => void }[]) stream.unref?.();
  }

  #busy(child: InteractiveProcess): void {
    child.nodeChildProcess.ref();
    for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void }[]) stream.ref?.();
  }

  #send(script: string): Promise<string[]> {
    const child = (this.#child ??= this.#start());
    const marker = `__docker_wrapper_${++this.#count}__`;
    this.#busy(child);
    return new Promise<string[]>((resolve, reject) => {
      this.#pending = { marker, lines: [], resolve, reject };
      child.stdin.write(`${script}\n\\echo ${marker}\n`);
    }).finally(() => this.#idle(child));
  }

  // Ends the session at once (a readiness check that ran out of time).
  kill(): void {
    this.#child?.kill();
  }

  // Opens the session in the background (after the caller has its service), so the first real
  // call does not pay for it.
  warm(): void {
    setImmediate(() => {
      this.run('SELECT 1;').catch(() => undefined);
    });
  }

  // Ends psql (and its docker exec).
  async close(): Promise<void> {
    await this.#queue;
    const child = this.#child;
    this.#child = undefined;
    if (!child) return;
    // Awaited: the process must stay alive until psql has gone.
    this.#busy(child);
    child.stdin.end();
    await child;
  }
}
