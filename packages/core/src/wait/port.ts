// Waits until a port really listens inside the container AND accepts a TCP connection from the
// host: docker's port proxy alone accepts connections before the service does.
import { readFile } from 'node:fs/promises';
import type { Protocol } from '../resources/container-spec.js';
import { pollUntil } from './backoff.js';
import type { WaitContext, WaitStrategy } from './context.js';
import { canConnect } from './tcp-connect.js';

// True when /proc/net/tcp{,6} text shows a socket listening on `port` (state 0A) (pure).
export function isListening(procNetTcp: string, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return procNetTcp.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/);
    return fields[1]?.toUpperCase().endsWith(`:${hexPort}`) === true && fields[3] === '0A';
  });
}

async function readTables(context: WaitContext): Promise<string> {
  const pid = context.container.info.state.pid;
  if (context.localEngine && pid > 0) {
    // The container's network namespace seen through its main process: no docker process at all.
    const tables = await Promise.all(['tcp', 'tcp6'].map((name) => readFile(`/proc/${pid}/net/${name}`, 'utf8').catch(() => undefined)));
    if (tables.some((table) => table !== undefined)) return tables.join('\n');
  }
  const result = await context.container.exec(['cat', '/proc/net/tcp', '/proc/net/tcp6'], { signal: context.signal });
  return result.stdout;
}

export class PortWait implements WaitStrategy {
  readonly description: string;
  readonly #port: number | undefined;

  constructor(port?: number) {
    this.#port = port;
    this.description = port ? `port ${port}/tcp` : 'every exposed port';
  }

  async wait(context: WaitContext): Promise<void> {
    const ports = this.#port ? [this.#port] : exposedTcpPorts(context.container.info.exposedPorts);
    await pollUntil(async () => {
      const tables = await readTables(context);
      return ports.every((port) => isListening(tables, port));
    }, { signal: context.signal, initialMs: 20, maxMs: 250 });
    const published = ports.flatMap((port) => (context.container.info.ports[`${port}/tcp`]?.length ? [context.container.hostPort(port)] : []));
    if (published.length === 0) return;
    // Every published port must accept a connection from the host too, until the wait's own
    // timeout (the context's signal) ends the poll.
    await pollUntil(async () => {
      const results = await Promise.all(published.map((port) => canConnect(context.container.host, port, 1000, context.signal)));
      return results.every(Boolean);
    }, { signal: context.signal, initialMs: 20, maxMs: 250 });
  }
}

// `['5432/tcp', '53/udp']` -> `[5432]`.
export function exposedTcpPorts(exposed: readonly string[]): number[] {
  return exposed.flatMap((key) => {
    const [port, protocol] = key.split('/') as [string, Protocol | undefined];
    return (protocol ?? 'tcp') === 'tcp' ? [Number(port)] : [];
  });
}
