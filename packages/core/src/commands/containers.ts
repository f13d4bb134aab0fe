// Container commands as data (pure argument builders and parsers).
import type { DockerCommand } from '../cli/command.js';
import { command, textCommand } from '../cli/command.js';
import { parseContainerInspect, type ContainerInfo } from './inspect.js';

// Ids, one per line (`docker ps -q`, `network ls -q`, ...).
export function parseIdList(stdout: string): string[] {
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

export function inspectContainerCommand(id: string): DockerCommand<ContainerInfo> {
  return {
    args: ['container', 'inspect', id],
    parse: (stdout) => {
      const [info] = parseContainerInspect(stdout);
      if (!info) throw new Error(`no container ${id} in inspect output`);
      return info;
    },
  };
}

export function removeContainersCommand(ids: readonly string[], { volumes = true } = {}): DockerCommand<void> {
  return command(['rm', '-f', ...(volumes ? ['-v'] : []), ...ids]);
}

export function stopCommand(id: string, timeoutSeconds?: number): DockerCommand<void> {
  return command(['stop', ...(timeoutSeconds !== undefined ? ['--time', String(timeoutSeconds)] : []), id]);
}

export function killCommand(id: string, signal = 'KILL'): DockerCommand<void> {
  return command(['kill', '--signal', signal, id]);
}

export function simpleCommand(verb: 'pause' | 'unpause' | 'start', id: string): DockerCommand<void> {
  return command([verb, id]);
}

export function restartCommand(id: string, timeoutSeconds?: number): DockerCommand<void> {
  return command(['restart', ...(timeoutSeconds !== undefined ? ['--time', String(timeoutSeconds)] : []), id]);
}

export interface ExecArgsOptions {
  user?: string;
  workdir?: string;
  env?: Record<string, string>;
  /** Keep stdin open (for `input`). */
  interactive?: boolean;
}

export function execArgs(id: string, cmd: readonly string[], options: ExecArgsOptions = {}): string[] {
  const args = ['exec'];
  if (options.interactive) args.push('-i');
  if (options.user) args.push('--user', options.user);
  if (options.workdir) args.push('--workdir', options.workdir);
  for (const [key, value] of Object.entries(options.env ?? {})) args.push('-e', `${key}=${value}`);
  args.push(id, ...cmd);
  return args;
}

export interface LogsArgsOptions {
  follow?: boolean;
  /** A Date, a Unix time in seconds, or docker's relative form like `10m`. */
  since?: Date | string | number;
  tail?: number | 'all';
  timestamps?: boolean;
}

function dockerTime(value: Date | string | number): string {
  if (value instanceof Date) return (value.getTime() / 1000).toFixed(3);
  return String(value);
}

export function logsArgs(id: string, options: LogsArgsOptions = {}): string[] {
  const args = ['logs'];
  if (options.follow) args.push('--follow');
  if (options.since !== undefined) args.push('--since', dockerTime(options.since));
  if (options.tail !== undefined) args.push('--tail', String(options.tail));
  if (options.timestamps) args.push('--timestamps');
  args.push(id);
  return args;
}

// True when a failed `docker exec` printed docker's own refusal (no such container, not running,
// paused, restarting) rather than the command's output: one line, `Error response from daemon: ...`
// (CLI 28) or `Error: No such container: ...` (CLI 20); Podman words its own.
export function isExecRefusal(stderr: string): boolean {
  return /^(?:Error response from daemon|Error): (?:No such container|Container \S+ is (?:not running|paused|restarting)|no container with name or ID \S+ found|can only create exec sessions on running containers|cannot create exec session as container \S+ is paused)[^\n]*\n?$/.test(stderr);
}

// `docker wait` prints the exit code.
export function waitCommand(id: string): DockerCommand<number> {
  return { args: ['wait', id], parse: (stdout) => Number(stdout.trim()) };
}

export function copyCommand(from: string, to: string): DockerCommand<void> {
  return command(['cp', from, to]);
}

export { textCommand };
