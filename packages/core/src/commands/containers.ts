// Container commands as data (pure argument builders and parsers).
import type { DockerCommand } from '../cli/command.js';
import { command, textCommand } from '../cli/command.js';
import { filtersParam, segment } from '../transport/route.js';
import { parseContainerInspect, toContainerInfo, type ContainerInfo } from './inspect.js';

const nothing = () => undefined;

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
    api: { method: 'GET', path: `/containers/${segment(id)}/json`, parse: toContainerInfo },
  };
}

// `docker rm -f [-v] ids...`; the API form when there is one id.
export function removeContainersCommand(ids: readonly string[], { volumes = true } = {}): DockerCommand<void> {
  const [only] = ids;
  return {
    ...command(['rm', '-f', ...(volumes ? ['-v'] : []), ...ids]),
    // 404: gone already, which `docker rm -f` does not count as a failure either (exit 0).
    api: ids.length === 1 && only !== undefined ? { method: 'DELETE', path: `/containers/${segment(only)}`, query: { force: true, v: volumes }, alsoOk: [404], parse: nothing } : undefined,
  };
}

export function stopCommand(id: string, timeoutSeconds?: number): DockerCommand<void> {
  return {
    ...command(['stop', ...(timeoutSeconds !== undefined ? ['--time', String(timeoutSeconds)] : []), id]),
    // 304: already stopped, which the CLI does not report either.
    api: { method: 'POST', path: `/containers/${segment(id)}/stop`, query: { t: timeoutSeconds }, alsoOk: [304], parse: nothing },
  };
}

export function killCommand(id: string, signal = 'KILL'): DockerCommand<void> {
  return { ...command(['kill', '--signal', signal, id]), api: { method: 'POST', path: `/containers/${segment(id)}/kill`, query: { signal }, parse: nothing } };
}

export function simpleCommand(verb: 'pause' | 'unpause' | 'start', id: string): DockerCommand<void> {
  return { ...command([verb, id]), api: { method: 'POST', path: `/containers/${segment(id)}/${verb}`, alsoOk: verb === 'start' ? [304] : [], parse: nothing } };
}

// The start of a container just created for `docker run` (`run` holds its arguments, so a failure
// names the same command whichever transport made it).
export function startCreatedCommand(id: string, run: readonly string[]): DockerCommand<void> {
  return { ...simpleCommand('start', id), args: run };
}

export function restartCommand(id: string, timeoutSeconds?: number): DockerCommand<void> {
  return {
    ...command(['restart', ...(timeoutSeconds !== undefined ? ['--time', String(timeoutSeconds)] : []), id]),
    api: { method: 'POST', path: `/containers/${segment(id)}/restart`, query: { t: timeoutSeconds }, parse: nothing },
  };
}

// Ids of the containers (running or not) carrying a label `key=value`.
export function listLabelledContainersCommand(label: string): DockerCommand<string[]> {
  return listContainersCommand({ labels: [label] });
}

// Ids of the containers carrying every label `key=value` given; `running` lists running ones only.
export function listContainersCommand(options: { labels: readonly string[]; running?: boolean }): DockerCommand<string[]> {
  const filters = options.labels.flatMap((label) => ['--filter', `label=${label}`]);
  return {
    args: ['ps', ...(options.running ? ['-q'] : ['-aq']), '--no-trunc', ...filters, ...(options.running ? ['--filter', 'status=running'] : [])],
    parse: parseIdList,
    api: {
      method: 'GET',
      path: '/containers/json',
      query: { all: options.running ? undefined : true, filters: filtersParam({ label: options.labels, ...(options.running ? { status: ['running'] } : {}) }) },
      parse: idsOf('Id'),
    },
  };
}

// The ids in a list answer of the API (`[{"Id": ...}]`), in order, once each (pure).
export function idsOf(field: 'Id' | 'Name'): (body: unknown) => string[] {
  return (body) => [...new Set((Array.isArray(body) ? body : []).map((item) => String((item as Record<string, unknown>)[field] ?? '')).filter(Boolean))];
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
  return {
    args: ['wait', id],
    parse: (stdout) => Number(stdout.trim()),
    api: { method: 'POST', path: `/containers/${segment(id)}/wait`, parse: (body) => Number((body as { StatusCode?: unknown } | undefined)?.StatusCode) },
  };
}

// `docker commit [--change ...] id tag`: the new image's id.
export function commitCommand(id: string, tag: string, changes: readonly string[]): DockerCommand<string> {
  const slash = tag.lastIndexOf('/');
  const colon = tag.lastIndexOf(':');
  const [repo, version] = colon > slash ? [tag.slice(0, colon), tag.slice(colon + 1)] : [tag, undefined];
  return {
    args: ['commit', ...changes.flatMap((change) => ['--change', change]), id, tag],
    parse: (stdout) => stdout.trim(),
    api: { method: 'POST', path: '/commit', query: { container: id, repo, tag: version, changes: changes.length ? changes : undefined }, parse: (body) => String((body as { Id?: unknown } | undefined)?.Id ?? '') },
  };
}

export function copyCommand(from: string, to: string): DockerCommand<void> {
  return command(['cp', from, to]);
}

export { textCommand };
