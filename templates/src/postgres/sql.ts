// SQL through `psql` inside the container, so the template needs no Postgres client of its own.
import type { Container } from '@docker-wrapper/core';
import { DockerWrapperError } from '@docker-wrapper/core';

// "name" for SQL (pure).
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// 'text' for SQL (pure).
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export interface PsqlOptions {
  user: string;
  database: string;
  /** Connect over TCP to 127.0.0.1 (trusted inside the container) instead of the local socket. */
  tcp?: boolean;
  signal?: AbortSignal;
}

// Runs a psql script (given on stdin, never in the arguments) and returns its unaligned output.
export async function psql(container: Container, script: string, options: PsqlOptions): Promise<string> {
  const args = ['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', options.user, '-d', options.database, '-f', '-'];
  if (options.tcp) args.push('-h', '127.0.0.1');
  const result = await container.exec(args, { input: script, ...(options.signal ? { signal: options.signal } : {}) });
  if (result.exitCode !== 0) {
    throw new DockerWrapperError('COMMAND_FAILED', `psql in ${container.name} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout;
}
