// The worked example of docs/custom-services.md: a full template of one's own, written against
// the public Template and Service contract only, started beside postgres() by startServices().
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ContainerBuilder, Wait, type Container, type Docker } from '@docker-wrapper/core';
import { postgres, startServices, type Service, type StartOptions, type Template } from '@docker-wrapper/templates';
import { connectForTest } from '../support/docker.js';

// --- docs/custom-services.md: begin ---
export interface EchoConnection {
  url: string;
  /** Per-key path prefix, '' for the shared connection. */
  prefix: string;
}

class EchoService implements Service<EchoConnection> {
  readonly kind = 'echo';
  readonly reused = false;
  #stopping: Promise<void> | undefined;
  constructor(readonly connection: EchoConnection, readonly container: Container) {}

  async isolate(key: string): Promise<EchoConnection> {
    return { ...this.connection, prefix: `/${encodeURIComponent(key)}` };
  }

  stop(): Promise<void> {
    this.#stopping ??= this.container.remove();
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

export interface EchoOptions {
  mode?: string;
}

export function echo(options: EchoOptions = {}): Template<EchoConnection, EchoService> {
  if (options.mode !== undefined && typeof options.mode !== 'string') throw new TypeError(`Invalid \`echo.mode\`: ${String(options.mode)}. Expected a string.`);
  const script = readFileSync(new URL('../fixtures/http-service/server.py', import.meta.url), 'utf8');
  return {
    kind: 'echo',
    options: Object.freeze({ ...options }),
    async start(docker: Docker, start: StartOptions = {}) {
      const container = await docker.containers.run(
        new ContainerBuilder('python:3-slim').env('MODE', options.mode ?? 'echo').file('/srv/server.py', { content: script })
          .command(['python3', '/srv/server.py']).port(8000).waitFor(Wait.forHttp('/health', 8000)),
        start.signal ? { signal: start.signal } : {},
      );
      return new EchoService({ url: `http://${container.host}:${container.hostPort(8000)}`, prefix: '' }, container);
    },
  };
}
// --- docs/custom-services.md: end ---

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker?.close();
});

it('starts a template of one\'s own beside postgres(), typed, isolated and stopped like the others', async () => {
  const env = await startServices(docker, { db: postgres(), echo: echo({ mode: 'docs' }) });
  try {
    const response = await fetch(`${env.connections.echo.url}/whoami`);
    expect(await response.json()).toMatchObject({ mode: 'docs' });
    expect((await env.isolate('worker 1')).echo.prefix).toBe('/worker%201');
  } finally {
    await env.stop();
  }
  expect(await docker.containers.listSession()).toEqual([]);
});
