// Helpers shared by the stream and diagnostics integration tests.
import { existsSync, realpathSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processList } from '../../support/cli.js';

// The docker CLIs to run the stream tests with: the default one, and a second generation when this
// machine has one (DOCKER_WRAPPER_SECOND_DOCKER, default /usr/bin/docker).
export function dockerClis(): { label: string; binary: string | undefined }[] {
  const clis: { label: string; binary: string | undefined }[] = [{ label: 'default CLI', binary: undefined }];
  const second = process.env.DOCKER_WRAPPER_SECOND_DOCKER ?? '/usr/bin/docker';
  const onPath = process.env.PATH?.split(':').map((dir) => join(dir, 'docker')).find((path) => existsSync(path));
  if (existsSync(second) && (!onPath || realpathSync(onPath) !== realpathSync(second))) clis.push({ label: second, binary: second });
  return clis;
}

// The first item that matches, or undefined when the iterable ends first.
export async function firstMatch<T>(iterable: AsyncIterable<T>, predicate: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of iterable) if (predicate(item)) return item;
  return undefined;
}

// Polls until `check` returns true (at most `ms`).
export async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The `docker events|stats|logs` client processes of this machine whose command line contains `marker`.
export async function dockerProcessesWith(marker: string): Promise<string[]> {
  return (await processList()).filter((line) => line.includes(marker) && /^\d+\s+\S*docker (events|stats|logs) /.test(line));
}

// A unix socket that forwards to the docker daemon until `cut()`: a daemon that can "go away".
export async function daemonProxy(daemonSocket: string): Promise<{ host: string; cut: () => void }> {
  const path = join(tmpdir(), `dw-proxy-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(daemonSocket);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    cut: () => {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}
