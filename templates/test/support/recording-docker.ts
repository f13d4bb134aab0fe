// A Docker session whose docker processes are recorded: the `binary` is a two-line script that
// writes each command line to a log, then runs the real docker CLI with the same arguments. It
// speaks the `cli` transport unless told otherwise, so every call is a command line in the log (over
// `api`, calls go inside `system dial-stdio` processes, which the log shows as such).
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '@docker-wrapper/core';

export interface RecordingDocker {
  docker: Docker;
  /** Every docker command line the session ran so far, in order. */
  commands(): Promise<string[]>;
}

// `env` replaces variables of the session's environment (e.g. no DOCKER_WRAPPER_IMAGE_MAP).
export async function recordingDocker(env: Record<string, string> = {}, options: { transport?: 'api' | 'cli' } = {}): Promise<RecordingDocker> {
  const dir = await mkdtemp(join(tmpdir(), 'dw-recording-'));
  const log = join(dir, 'commands.log');
  const script = join(dir, 'docker');
  await writeFile(log, '');
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec docker "$@"\n`);
  await chmod(script, 0o755);
  const docker = await Docker.connect({ binary: script, transport: options.transport ?? 'cli', handleSignals: false, connectTimeoutMs: 10_000, env: { ...process.env, ...env } });
  return { docker, commands: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}
