// Runs the start-service fixture in child processes (each its own Docker session).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/start-service.mjs', import.meta.url));

export interface StartedInProcess<C = Record<string, unknown>> {
  child: ChildProcess;
  result: { connection: C; reused: boolean; containerId: string | undefined; startMs: number };
  /** Closes stdin: the process stops its service and exits. */
  finish(): Promise<void>;
}

export function startInProcess<C = Record<string, unknown>>(kind: string, options: object): Promise<StartedInProcess<C>> {
  const child = spawn(process.execPath, [fixture, kind, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      try {
        resolve({
          child,
          result: JSON.parse(line) as StartedInProcess<C>['result'],
          finish: async () => {
            child.stdin?.end();
            await exited;
          },
        });
      } catch (error) {
        reject(new Error(`fixture printed ${line}: ${String(error)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
  });
}
