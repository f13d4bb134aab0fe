import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { canConnect } from '../../../src/wait/tcp-connect.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('canConnect', () => {
  it('is true for a port that accepts connections', async () => {
    expect(await canConnect('127.0.0.1', await listen(), 1000)).toBe(true);
  });

  it('is false for a port nothing listens on', async () => {
    const port = await listen();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await canConnect('127.0.0.1', port, 1000)).toBe(false);
  });

  it('is false at once when the signal has already aborted', async () => {
    expect(await canConnect('127.0.0.1', await listen(), 1000, AbortSignal.abort())).toBe(false);
  });
});
