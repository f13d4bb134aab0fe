// Fault matrix, on the machine's daemon: the daemon unreachable at start (a dead socket), a host port
// taken by a process that is not docker, an image missing with no registry.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { describe, expect, it } from 'vitest';
import { ContainerBuilder, Docker, DockerCommandError, Wait } from '@docker-wrapper/core';
import { ServicesStartError, redis, startRun, startServices } from '@docker-wrapper/templates';
import { onHostPort } from '../../templates/src/ports.js';
import { leftovers, sessionId } from '../support/runner.js';
import { bounded } from './support/outcome.js';

// A unix socket file nobody listens on any more: its server was SIGKILLed (as a crashed daemon).
async function deadSocket(): Promise<string> {
  const path = join(tmpdir(), `dw-flt-dead-${process.pid}-${Date.now().toString(36)}.sock`);
  const server = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  server.kill('SIGKILL');
  await new Promise((resolve) => server.once('exit', resolve));
  return path;
}

// A plain TCP server on 127.0.0.1 (not docker) holding a port.
async function holdPort(port: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the engine at fault', () => {
  it('the daemon unreachable at start: startRun() fails with DAEMON_UNREACHABLE, naming the socket, within 2 s', async () => {
    const socket = await deadSocket();
    try {
      const env = { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONTEXT: '' };
      const started = Date.now();
      const error = (await startRun({ cache: redis() }, { docker: { env, handleSignals: false } }).catch((e: unknown) => e)) as DockerCommandError;
      const ms = Date.now() - started;
      expect(error.code).toBe('DAEMON_UNREACHABLE');
      expect(error.message).toContain(`The Docker engine at unix://${socket} is not reachable`);
      expect(error.message).toMatch(/Start it .*or point DOCKER_HOST, DOCKER_CONTEXT or the `host`\/`context` option at a running one/);
      expect(ms).toBeLessThan(2000);
    } finally {
      rmSync(socket, { force: true });
    }
  });

  it('a host port taken by a process that is not docker: the service starts on another, the refused container is not left', async () => {
    const session = sessionId('flt-port');
    const docker = await Docker.connect({ sessionId: session, handleSignals: false });
    const taken = await getPort({ host: '127.0.0.1' });
    const squatter = await holdPort(taken);
    try {
      const picks = [taken];
      const picked: number[] = [];
      const pick = async () => {
        const port = picks.shift() ?? (await getPort({ host: '127.0.0.1' }));
        picked.push(port);
        return port;
      };
      const builder = new ContainerBuilder('redis').port(6379).waitFor(Wait.forLog('Ready to accept connections'));
      const container = await onHostPort(undefined, (hostPort) => builder.port(6379, { hostPort }).run(docker), pick);
      expect(picked).toHaveLength(2);
      expect(picked[0]).toBe(taken);
      expect(container.hostPort(6379)).toBe(picked[1]);
      // The container docker created and could not start on the taken port was removed.
      expect(await leftovers(session)).toEqual([`container ${container.id.slice(0, 12)}`]);
      await container.remove();
    } finally {
      squatter.close();
      await docker.close();
    }
    expect(await leftovers(session)).toEqual([]);
  });

  it('a host port asked for and taken by a process that is not docker: PORT_ALLOCATED naming it, nothing left', async () => {
    const session = sessionId('flt-port-given');
    const taken = await getPort({ host: '127.0.0.1' });
    const squatter = await holdPort(taken);
    const docker = await Docker.connect({ sessionId: session, handleSignals: false });
    try {
      const error = (await startServices(docker, { cache: redis({ hostPort: taken }) }).catch((e: unknown) => e)) as ServicesStartError;
      expect(error).toBeInstanceOf(ServicesStartError);
      expect(error.message).toMatch(new RegExp(`^1 of 1 service\\(s\\) failed to start:\\n- cache \\(redis\\): .*127\\.0\\.0\\.1:${taken}.*address already in use \\[PORT_ALLOCATED\\]`));
    } finally {
      squatter.close();
      await docker.close();
    }
    expect(await leftovers(session)).toEqual([]);
  });

  it('an image missing with no registry: the error names the image and the substitution variable, without a hang', async () => {
    const session = sessionId('flt-image');
    const docker = await Docker.connect({ sessionId: session, handleSignals: false });
    try {
      const outcome = await bounded(startServices(docker, { cache: redis({ image: 'docker-wrapper-flt/missing:1' }) }).catch((e: unknown) => e as ServicesStartError), 120_000);
      expect(outcome).toBeInstanceOf(ServicesStartError);
      const message = (outcome as ServicesStartError).message;
      expect(message).toMatch(/^1 of 1 service\(s\) failed to start:\n- cache \(redis\): Image docker-wrapper-flt\/missing:1 was not found or could not be pulled: .*no such host \[IMAGE_NOT_FOUND\]\n/);
      expect(message).toContain('\n[cache]\nPull or build it, or stand a local image in for it: DOCKER_WRAPPER_IMAGE_MAP=docker-wrapper-flt/missing:1=<an image this engine has>.\nwhile running: docker run');
    } finally {
      await docker.close();
    }
    expect(await leftovers(session)).toEqual([]);
  });
});
