// What `up` prints for each service: its connection for people, and the `export` lines that the
// bring-your-own variables accept, so another shell's tests use these services (pure).
import { BYO_ENV } from '../bring-your-own.js';

/** The variable a kind's connection goes into for other kinds: its JSON. */
export function connectionVariable(name: string): string {
  return `DOCKER_WRAPPER_${name.toUpperCase().replace(/-/g, '_')}_CONNECTION`;
}

// Quotes a value for POSIX shells: single quotes, a single quote as '\''.
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

// The value bring-your-own reads for a service of `kind`, or undefined for other kinds.
export function byoValue(kind: string, connection: unknown): string | undefined {
  const c = connection as { url?: unknown; brokers?: unknown } | null;
  if (c === null || typeof c !== 'object') return undefined;
  if ((kind === 'postgres' || kind === 'redis') && typeof c.url === 'string') return c.url;
  if (kind === 'kafka' && Array.isArray(c.brokers)) return c.brokers.join(',');
  return undefined;
}

export interface ExportLine {
  service: string;
  variable: string;
  value: string;
}

// One variable per service: the bring-your-own one for the first service of a kind it knows
// (DOCKER_WRAPPER_POSTGRES_URL, ...), the connection's JSON under the service's name otherwise.
export function exportLines(services: Record<string, { kind: string; connection: unknown }>): ExportLine[] {
  const taken = new Set<string>();
  return Object.entries(services).map(([service, { kind, connection }]) => {
    const known = BYO_ENV[kind as keyof typeof BYO_ENV];
    const value = byoValue(kind, connection);
    if (known && value !== undefined && !taken.has(known)) {
      taken.add(known);
      return { service, variable: known, value };
    }
    return { service, variable: connectionVariable(service), value: JSON.stringify(connection) };
  });
}

// `export NAME=value`, quoted for POSIX shells.
export function formatExport(line: ExportLine): string {
  return `export ${line.variable}=${shellQuote(line.value)}`;
}
