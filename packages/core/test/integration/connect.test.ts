import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, Docker, DockerWrapperError, Wait } from '../../src/index.js';
import { docker as cli, suffix } from '../support/cli.js';
import { connectForTest, httpServer } from '../support/docker.js';

// Connects the way a user would (default 2 s budget) and returns the error and the time it took.
async function failedConnect(options: Parameters<typeof Docker.connect>[0]): Promise<{ error: DockerWrapperError; ms: number }> {
  const started = performance.now();
  const result = await Docker.connect({ handleSignals: false, reaper: false, ...options }).then(
    async (docker) => {
      await docker.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  expect(result).toBeInstanceOf(DockerWrapperError);
  return { error: result as DockerWrapperError, ms };
}

// A TCP listener that accepts connections and never answers (an engine that hangs).
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('connect errors say what to do, within 2 s', () => {
  it('DOCKER_HOST pointing at a missing socket: DAEMON_UNREACHABLE', async () => {
    const { error, ms } = await failedConnect({ env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock', DOCKER_CONTEXT: '' } });
    expect(error.code).toBe('DAEMON_UNREACHABLE');
    expect(error.message).toContain('unix:///nonexistent.sock');
    expect(error.message).toMatch(/Start it .*or point DOCKER_HOST, DOCKER_CONTEXT or the `host`\/`context` option at a running one/);
    expect(ms).toBeLessThan(2000);
  });

  it('the `host` option pointing at a missing socket: DAEMON_UNREACHABLE', async () => {
    const { error, ms } = await failedConnect({ host: 'unix:///nonexistent.sock' });
    expect(error.code).toBe('DAEMON_UNREACHABLE');
    expect(error.message).toContain('The Docker engine at unix:///nonexistent.sock is not reachable');
    // docker's own question ends the sentence: no "running?." (issue 18, item 15).
    expect(error.message).toContain('Is the docker daemon running? Start it');
    expect(error.message).not.toMatch(/[.?!]\.(\s|$)/);
    expect(ms).toBeLessThan(2000);
  });

  it('an engine that never answers: DAEMON_UNREACHABLE after the connect timeout, not later', async () => {
    const silent = await silentServer();
    try {
      // Docker itself would wait on a silent engine far longer; the bounds below are the timeout
      // plus slack for a loaded machine (its processes start late).
      const { error, ms } = await failedConnect({ host: `tcp://127.0.0.1:${silent.port}` });
      expect(error.code).toBe('DAEMON_UNREACHABLE');
      expect(error.message).toMatch(/did not answer within 2000 ms/);
      expect(ms).toBeLessThan(2000 + 3000);
      const quick = await failedConnect({ host: `tcp://127.0.0.1:${silent.port}`, connectTimeoutMs: 500 });
      expect(quick.error.message).toMatch(/did not answer within 500 ms/);
      expect(quick.ms).toBeLessThan(500 + 3000);
    } finally {
      await silent.close();
    }
  });

  it('a missing binary: DOCKER_NOT_FOUND, naming where the path came from', async () => {
    const fromOption = await failedConnect({ binary: '/nonexistent/docker' });
    expect(fromOption.error.code).toBe('DOCKER_NOT_FOUND');
    expect(fromOption.error.message).toContain('"/nonexistent/docker" (from `binary`) does not exist');
    expect(fromOption.ms).toBeLessThan(2000);
    const fromEnv = await failedConnect({ env: { ...process.env, DOCKER_WRAPPER_DOCKER_PATH: '/nonexistent/docker' } });
    expect(fromEnv.error.code).toBe('DOCKER_NOT_FOUND');
    expect(fromEnv.error.message).toContain('DOCKER_WRAPPER_DOCKER_PATH');
    const nothingOnPath = await failedConnect({ env: { ...process.env, PATH: '/nonexistent', DOCKER_WRAPPER_DOCKER_PATH: '' } });
    expect(nothingOnPath.error.code).toBe('DOCKER_NOT_FOUND');
    expect(nothingOnPath.error.message).toMatch(/Install the Docker CLI/);
  });

  it('a docker context that does not exist: says so and how to list them', async () => {
    const { error, ms } = await failedConnect({ context: `dw-no-such-context-${suffix()}` });
    expect(error.code).toBe('DAEMON_UNREACHABLE');
    expect(error.message).toMatch(/The docker context "dw-no-such-context-\w+" \(from the `context` option\) cannot be used/);
    expect(error.message).toContain('docker context ls');
    expect(ms).toBeLessThan(2000);
  });
});

describe('binary, host and contexts', () => {
  const good = `dw-test-${suffix()}`;
  const bad = `dw-test-bad-${suffix()}`;
  let endpoint: string;
  beforeAll(async () => {
    const docker = await connectForTest({ reaper: false });
    endpoint = docker.engine.endpoint;
    await docker.close();
    expect((await cli(['context', 'create', good, '--docker', `host=${endpoint}`])).exitCode).toBe(0);
    expect((await cli(['context', 'create', bad, '--docker', 'host=unix:///nonexistent.sock'])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await cli(['context', 'rm', '-f', good, bad]);
  });

  it('uses DOCKER_WRAPPER_DOCKER_PATH', async () => {
    const plain = await connectForTest({ reaper: false });
    const binary = plain.executor.binary;
    await plain.close();
    const docker = await connectForTest({ reaper: false, env: { ...process.env, DOCKER_WRAPPER_DOCKER_PATH: binary } });
    expect(docker.executor.binary).toBe(binary);
    expect(docker.engine.serverVersion).toMatch(/^\d+\.\d+/);
    await docker.close();
  });

  it('connects through a context given as an option, and runs a container there', async () => {
    const docker = await connectForTest({ context: good });
    expect(docker.engine).toMatchObject({ endpoint, remote: false });
    expect(docker.executor.env.DOCKER_CONTEXT).toBe(good);
    expect(docker.host).toBe('127.0.0.1');
    const c = await new ContainerBuilder('debian:bookworm-slim').command(['sleep', '600']).waitFor(Wait.none()).run(docker);
    expect((await c.inspect()).state.running).toBe(true);
    expect((await docker.close()).containers).toBe(1);
  });

  it('reads DOCKER_CONTEXT, and reports the context endpoint when it is down', async () => {
    const docker = await connectForTest({ reaper: false, env: { ...process.env, DOCKER_CONTEXT: good } });
    expect(docker.engine.endpoint).toBe(endpoint);
    await docker.close();
    const { error, ms } = await failedConnect({ context: bad });
    expect(error.code).toBe('DAEMON_UNREACHABLE');
    expect(error.message).toContain('The Docker engine at unix:///nonexistent.sock');
    expect(ms).toBeLessThan(2000);
  });
});

describe('a remote engine', () => {
  // The engine under test (a unix socket, a TCP port, or the sshd of an ssh context) forwarded to a
  // TCP port on this machine's outward address: to the client it is an engine on another host.
  let proxy: Server;
  const open = new Set<Socket>();
  let address: string;
  let port: number;
  let remoteHost: (address: string, port: number) => string;
  beforeAll(async () => {
    const docker = await connectForTest({ reaper: false });
    const endpoint = docker.engine.endpoint;
    await docker.close();
    const target = /^(tcp|ssh):\/\/(?:([^@/]+)@)?([^:/]+):(\d+)/.exec(endpoint);
    expect(endpoint.startsWith('unix://') || target !== null).toBe(true);
    const connect = target ? () => createConnection(Number(target[4]), target[3]) : () => createConnection(endpoint.replace(/^unix:\/\//, ''));
    remoteHost = target?.[1] === 'ssh' ? (a, p) => `ssh://${target[2] ? `${target[2]}@` : ''}${a}:${p}` : (a, p) => `tcp://${a}:${p}`;
    address = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '';
    expect(address).not.toBe('');
    proxy = createServer((client) => {
      const engine = connect();
      open.add(client).add(engine);
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, address, resolve));
    port = (proxy.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('gives containers the engine host as their address and publishes where that host can be reached', async () => {
    const logged: string[] = [];
    const docker = await connectForTest({ host: remoteHost(address, port), log: (line) => logged.push(line) });
    try {
      expect(docker.engine.remote).toBe(true);
      expect(docker.host).toBe(address);
      // Published beyond loopback, and said so once.
      expect(logged).toEqual([expect.stringContaining(`bind to 0.0.0.0: anyone who reaches ${address} reaches them`)]);
      const c = await new ContainerBuilder('python:3-slim').command(httpServer(200)).port(8080).waitFor(Wait.forHttp('/', 8080)).run(docker);
      expect(c.host).toBe(address);
      expect(c.info.ports['8080/tcp']?.[0]?.hostIp).toBe('0.0.0.0');
      expect((await fetch(`http://${c.host}:${c.hostPort(8080)}/`)).status).toBe(200);
    } finally {
      await docker.close();
    }
  });

  it('says nothing when the bind address given for the remote engine is a loopback one', async () => {
    const logged: string[] = [];
    const docker = await connectForTest({ host: remoteHost(address, port), bindAddress: '127.0.0.1', reaper: false, log: (line) => logged.push(line) });
    await docker.close();
    expect(docker.engine.remote).toBe(true);
    expect(logged).toEqual([]);
  });
});
