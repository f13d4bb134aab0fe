import type { ApiRoute } from '../transport/route.js';

// A docker command as data: its arguments and a pure parser of its standard output, and, where the
// Engine API serves it, the same call as an API route (used when the session speaks the API).
export interface DockerCommand<T> {
  readonly args: readonly string[];
  parse(stdout: string): T;
  readonly api?: ApiRoute<T> | undefined;
}

// Builds a command whose output is ignored.
export function command(args: readonly string[]): DockerCommand<void> {
  return { args, parse: () => undefined };
}

// Builds a command whose output is returned trimmed.
export function textCommand(args: readonly string[]): DockerCommand<string> {
  return { args, parse: (stdout) => stdout.trim() };
}

// Splits `--format '{{json .}}'` output (one JSON object per line) into parsed objects.
export function parseJsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}
