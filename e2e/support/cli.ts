// The plain docker CLI for contract tests: containers they start are labelled and removed after
// the file (`afterAll`).
import { execa } from 'execa';
import { afterAll } from 'vitest';

export const docker = (...args: string[]) => execa('docker', args, { all: true });

export const logs = async (id: string): Promise<string> => (await docker('logs', id)).all ?? '';

// The 127.0.0.1 host port docker published for `port/tcp`.
export async function hostPort(id: string, port: number): Promise<number> {
  const { stdout } = await docker('port', id, `${port}/tcp`);
  const match = /^127\.0\.0\.1:(\d+)$/m.exec(stdout);
  if (!match) throw new Error(`no 127.0.0.1 binding for ${port}/tcp in ${JSON.stringify(stdout)}`);
  return Number(match[1]);
}

// `docker run -d` with the contract label; every container is removed when the file ends.
export function containerStarter(): (...args: string[]) => Promise<string> {
  const started: string[] = [];
  afterAll(async () => {
    if (started.length > 0) await execa('docker', ['rm', '-f', '-v', ...started], { reject: false });
  });
  return async (...args: string[]) => {
    const { stdout } = await docker('run', '-d', '--label', 'docker-wrapper.test=contract', ...args);
    const id = stdout.trim();
    started.push(id);
    return id;
  };
}
