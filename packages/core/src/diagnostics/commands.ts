// The docker commands the recorder runs, as data: arguments and pure parsers.
import { parseJsonLines, type DockerCommand } from '../cli/command.js';
import { isSecretKey } from '../cli/redact.js';
import { toContainerInfo, type ContainerInfo } from '../commands/inspect.js';
import { SESSION_LABEL } from '../cleanup/labels.js';

export interface InspectedContainer {
  info: ContainerInfo;
  /** Values of environment variables whose names look secret (masked in the report). */
  secretValues: string[];
}

// `docker container inspect`, keeping the values of secret-looking variables to mask them later.
export function inspectForReportCommand(idOrName: string): DockerCommand<InspectedContainer> {
  return {
    args: ['container', 'inspect', idOrName],
    parse: (stdout) => {
      const parsed: unknown = JSON.parse(stdout);
      const raw: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
      if (!raw || typeof raw !== 'object') throw new Error(`no container ${idOrName} in inspect output`);
      const env = (raw as { Config?: { Env?: unknown } }).Config?.Env;
      const secretValues = (Array.isArray(env) ? env : []).flatMap((entry) => {
        if (typeof entry !== 'string') return [];
        const at = entry.indexOf('=');
        return at > 0 && isSecretKey(entry.slice(0, at)) ? [entry.slice(at + 1)] : [];
      });
      return { info: toContainerInfo(raw), secretValues };
    },
  };
}

export interface SessionContainer {
  id: string;
  name: string;
  image: string;
}

// The running containers of a session.
export function runningSessionContainersCommand(sessionId: string): DockerCommand<SessionContainer[]> {
  return {
    args: ['ps', '--no-trunc', '--filter', `label=${SESSION_LABEL}=${sessionId}`, '--filter', 'status=running', '--format', '{{json .}}'],
    parse: (stdout) => parseJsonLines<Record<string, unknown>>(stdout).map((row) => ({
      id: String(row.ID ?? ''),
      name: String(row.Names ?? '').split(',')[0] ?? '',
      image: String(row.Image ?? ''),
    })),
  };
}

// `docker logs --tail N` within an optional time range (times in milliseconds since the epoch);
// without `tail`, every line in the range (the caller keeps the last ones).
export function logsTailArgs(id: string, options: { tail?: number | undefined; since?: number; until?: number }): string[] {
  const args = ['logs'];
  if (options.tail !== undefined) args.push('--tail', String(options.tail));
  if (options.since !== undefined) args.push('--since', (Math.floor(options.since) / 1000).toFixed(3));
  if (options.until !== undefined) args.push('--until', (Math.ceil(options.until) / 1000).toFixed(3));
  args.push(id);
  return args;
}
