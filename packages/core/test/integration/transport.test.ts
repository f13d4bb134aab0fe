// The two transports against the real engine: the Engine API over `docker system dial-stdio` and
// one CLI process per call. Same containers, same errors; the API side survives its connections
// dying, times out, aborts, and falls back to the CLI where the CLI cannot dial.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, DockerCommandError, DockerWrapperError, InvalidOptionError, Wait, type Docker } from '../../src/index.js';
import { docker as cli, DOCKER, suffix } from '../support/cli.js';
import { connectForTest } from '../support/docker.js';

const run = promisify(execFile);
const idle = () => new ContainerBuilder('debian:bookworm-slim').command(['sleep', '600']).waitFor(Wait.none());

// The dial-stdio processes this test process started (its children running `system dial-stdio`).
async function dialProcesses(): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)]);
  return stdout.split('\n').filter((line) => / system dial-stdio$/.test(line.trim())).map((line) => Number(line.trim().split(/\s+/)[0]));
}

// The settled outcome of a call that must fail, and how long it took.
async function failure(call: Promise<unknown>): Promise<{ error: DockerWrapperError; ms: number }> {
  const started = performance.now();
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DockerWrapperError);
  return { error: error as DockerWrapperError, ms: performance.now() - started };
}

let api: Docker;
let viaCli: Docker;
beforeAll(async () => {
  [api, viaCli] = await Promise.all([connectForTest({ transport: 'api' }), connectForTest({ transport: 'cli' })]);
});
afterAll(async () => {
  await Promise.all([api?.close(), viaCli?.close()]);
});

describe('the transport a session speaks', () => {
  it('is the one the run asks for (DOCKER_WRAPPER_TRANSPORT, else api), with no fallback', async () => {
    const docker = await connectForTest();
    try {
      expect(docker.engine.transport).toBe(process.env.DOCKER_WRAPPER_TRANSPORT ?? 'api');
      expect(docker.engine.transportNote).toBeUndefined();
      expect(docker.executor.transport).toBe(docker.engine.transport);
    } finally {
      await docker.close();
    }
  });

  it('a bad `transport` or DOCKER_WRAPPER_TRANSPORT is refused, naming it, before any docker process', async () => {
    await expect(connectForTest({ transport: 'http' as never })).rejects.toThrow(InvalidOptionError);
    await expect(connectForTest({ transport: 'http' as never })).rejects.toThrow('Invalid `transport`: "http". Expected \'api\' or \'cli\'.');
    await expect(connectForTest({ env: { ...process.env, DOCKER_WRAPPER_TRANSPORT: 'API' } })).rejects.toThrow('Invalid `DOCKER_WRAPPER_TRANSPORT`');
  });

  it('the API session makes containers with no docker process; the CLI session with one per call', async () => {
    const before = [api.executor.spawned, viaCli.executor.spawned];
    const [a, b] = await Promise.all([idle().run(api), idle().run(viaCli)]);
    await Promise.all([a.stop({ timeoutSeconds: 0 }), b.stop({ timeoutSeconds: 0 })]);
    await Promise.all([a.remove(), b.remove()]);
    expect(api.executor.spawned - (before[0] ?? 0)).toBe(0);
    expect(viaCli.executor.spawned - (before[1] ?? 0)).toBe(4);
  });
});

describe('one spec, both transports: docker makes the same container', () => {
  it('every field of the builder reads back the same from docker inspect', async () => {
    const network = await api.networks.create();
    const volume = `dw-vol-${suffix()}`;
    const spec = (docker: Docker) =>
      new ContainerBuilder('debian:bookworm-slim')
        .env('A', '1').env('SPACED', 'a b=c')
        .label('com.example.k', 'v')
        .port(80).port(53, { protocol: 'udp' }).port(8080, { hostIp: '127.0.0.1' })
        .volume(volume, '/data').tmpfs('/scratch', { size: 8 * 1024 * 1024, mode: 0o1777 }).bind('/etc/hostname', '/host-name', { readOnly: true })
        .memoryLimit(64 * 1024 * 1024).cpus(0.5).cpuShares(512)
        .restartPolicy('on-failure', { maxRetries: 2 })
        .user('1000:1000').workdir('/tmp').hostname('same-host')
        .network(network.name).networkAlias('alias-one')
        .extraHost('db.local', '10.1.2.3')
        .healthCheck({ test: ['CMD-SHELL', 'true'], intervalMs: 1000, timeoutMs: 500, retries: 3, startPeriodMs: 200 })
        .entrypoint(['sleep'])
        .command(['600'])
        .waitFor(Wait.none())
        .run(docker);
    const [a, b] = await Promise.all([spec(api), spec(viaCli)]);
    try {
      const inspect = async (id: string) => {
        const [raw] = JSON.parse((await cli(['container', 'inspect', id])).stdout) as Record<string, Record<string, unknown>>[];
        const config = raw!.Config!;
        const host = raw!.HostConfig!;
        const labels = Object.fromEntries(Object.entries(config.Labels as Record<string, string>).filter(([k]) => !k.startsWith('docker-wrapper.')));
        const ports = Object.fromEntries(Object.entries(host.PortBindings as Record<string, { HostIp: string }[]>).map(([k, v]) => [k, v.map((p) => p.HostIp)]));
        // Session labels differ per session, an empty DriverConfig is no setting, Env order is the daemon's.
        const mounts = (host.Mounts as Record<string, Record<string, unknown> | undefined>[]).map(({ VolumeOptions, ...mount }) => ({
          ...mount,
          ...(VolumeOptions ? { labelKeys: Object.keys((VolumeOptions.Labels ?? {}) as object).sort() } : {}),
        }));
        return {
          config: { Env: [...(config.Env as string[])].sort(), Entrypoint: config.Entrypoint, Cmd: config.Cmd, User: config.User, WorkingDir: config.WorkingDir, Hostname: config.Hostname, Healthcheck: config.Healthcheck, ExposedPorts: config.ExposedPorts, Image: config.Image, labels },
          host: { ports, Mounts: mounts, Tmpfs: host.Tmpfs, Memory: host.Memory, NanoCpus: host.NanoCpus, CpuShares: host.CpuShares, RestartPolicy: host.RestartPolicy, NetworkMode: host.NetworkMode, ExtraHosts: host.ExtraHosts, Privileged: host.Privileged },
          aliases: (raw!.NetworkSettings!.Networks as Record<string, { Aliases: string[] }>)[network.name]!.Aliases.filter((alias) => alias === 'alias-one'),
        };
      };
      const [fromApi, fromCli] = await Promise.all([inspect(a.id), inspect(b.id)]);
      expect(fromApi).toEqual(fromCli);
      // It is not equal by being empty.
      expect(fromApi.config.Env).toContain('SPACED=a b=c');
      expect(fromApi.host.ports).toEqual({ '80/tcp': ['127.0.0.1'], '53/udp': ['127.0.0.1'], '8080/tcp': ['127.0.0.1'] });
      expect(fromApi.aliases).toEqual(['alias-one']);
      expect(fromApi.host.NanoCpus).toBe(500_000_000);
      expect(fromApi.config.Cmd).toEqual(['600']);
      expect(fromApi.host.Mounts).toContainEqual({ Type: 'volume', Source: volume, Target: '/data', labelKeys: ['docker-wrapper.created', 'docker-wrapper.host', 'docker-wrapper.pid', 'docker-wrapper.session'] });
    } finally {
      await Promise.all([a.remove(), b.remove()]);
      await cli(['volume', 'rm', '-f', volume]);
      await network.remove();
    }
  });
});

describe('errors read the same whichever transport served them', () => {
  const cases: [string, (docker: Docker) => Promise<unknown>][] = [
    ['inspect of a missing container', (d) => d.containers.get(`missing-${suffix()}`)],
    ['image inspect of a missing image', (d) => d.images.inspect('docker-wrapper-test/missing:1')],
    ['a missing image with pull never', (d) => new ContainerBuilder('docker-wrapper-test/missing:1').pull('never').run(d)],
    ['a network that is not there', (d) => d.networks.get('missing-network-zz')],
    ['a volume that is not there', (d) => d.volumes.get('missing-volume-zz').inspect()],
  ];

  it.each(cases)('%s', async (_what, call) => {
    const [a, b] = await Promise.all([failure(call(api)), failure(call(viaCli))]);
    expect(a.error.code).toBe(b.error.code);
    expect(a.error.code).not.toBe('COMMAND_FAILED');
    // Names differ per call (a random suffix): compare with them masked.
    const mask = (text: string) => text.replace(/missing-[0-9a-z]+/g, 'missing-X').replace(/dw-debian-[0-9a-f]+|dw-missing-[0-9a-f]+/g, 'NAME').replace(/docker-wrapper\.(session|pid|host|created)=[^ ]+/g, '');
    expect(mask(a.error.message)).toBe(mask(b.error.message));
  });

  it('a name in use: NAME_IN_USE, the same words, nothing created by the second run', async () => {
    const name = `dw-taken-${suffix()}`;
    const first = await idle().name(name).run(api);
    try {
      const [a, b] = await Promise.all([failure(idle().name(name).run(api)), failure(idle().name(name).run(viaCli))]);
      expect([a.error.code, b.error.code]).toEqual(['NAME_IN_USE', 'NAME_IN_USE']);
      expect(a.error.message.replace(/docker-wrapper\.\S+/g, '')).toBe(b.error.message.replace(/docker-wrapper\.\S+/g, ''));
      expect((await first.inspect()).state.running).toBe(true);
    } finally {
      await first.remove();
    }
  });

  it('a secret in the spec stays masked in an API error', async () => {
    const secret = `s3cret-${suffix()}`;
    const { error } = await failure(new ContainerBuilder('docker-wrapper-test/missing:1').pull('never').env('DB_PASSWORD', secret).run(api));
    expect(error.message).not.toContain(secret);
    expect((error as DockerCommandError).args.join(' ')).not.toContain(secret);
  });
});

describe('the API connections under faults', () => {
  it('a dial-stdio process killed in the middle of a call: the call fails at once with DAEMON_UNREACHABLE, the next call opens a new one', async () => {
    const c = await idle().run(api);
    try {
      const waiting = failure(c.wait());
      // The wait holds its connection: kill every connection process of this test process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pids = await dialProcesses();
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      const { error, ms } = await waiting;
      expect(error.code).toBe('DAEMON_UNREACHABLE');
      expect(error.message).toMatch(/^`docker wait [0-9a-f]+` failed \(exit 1\): error during connect: the connection to the engine was lost/);
      expect(ms).toBeLessThan(5000);
      expect((await c.inspect()).state.running).toBe(true);
    } finally {
      await c.remove();
    }
  });

  it('a call past its timeout: COMMAND_TIMEOUT in the CLI words, and its connection is ended', async () => {
    const c = await idle().run(api);
    try {
      const opened = api.executor.api!.connectionsOpened;
      const { error, ms } = await failure(c.wait({ timeoutMs: 300 }));
      expect(error.code).toBe('COMMAND_TIMEOUT');
      expect(error.message).toMatch(/^`docker wait [0-9a-f]+` timed out after \d+ ms$/);
      expect(ms).toBeLessThan(3000);
      // The connection that timed out is not handed to the next call: a new one is opened.
      expect((await c.inspect()).state.running).toBe(true);
      expect(api.executor.api!.connectionsOpened).toBeGreaterThan(opened);
    } finally {
      await c.remove();
    }
  });

  it('an aborted call: COMMAND_ABORTED with the reason', async () => {
    const c = await idle().run(api);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('test over')), 200);
      const { error, ms } = await failure(c.wait({ signal: controller.signal }));
      expect(error.code).toBe('COMMAND_ABORTED');
      expect((error.cause as Error).message).toBe('test over');
      expect(ms).toBeLessThan(3000);
    } finally {
      await c.remove();
    }
  });

  it('close() returns after every connection process was killed, and leaves nothing', async () => {
    const docker = await connectForTest({ transport: 'api' });
    await idle().run(docker);
    for (const pid of await dialProcesses()) process.kill(pid, 'SIGKILL');
    const started = performance.now();
    const removed = await docker.close();
    expect(removed.containers).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await cli(['ps', '-aq', '--filter', `label=docker-wrapper.session=${docker.sessionId}`])).stdout.trim()).toBe('');
  });

  it('parallel runs open more connections instead of queueing behind one', async () => {
    const docker = await connectForTest({ transport: 'api' });
    try {
      await Promise.all([1, 2, 3, 4].map(() => idle().run(docker)));
      expect(docker.executor.api!.connectionsOpened).toBeGreaterThanOrEqual(2);
      expect(docker.executor.spawned).toBe(2); // connect's `version` and `context inspect`
    } finally {
      await docker.close();
    }
  });
});

describe('a CLI that cannot dial', () => {
  let dir: string;
  let binary: string;
  beforeAll(async () => {
    // A docker CLI without `system dial-stdio` (as old CLIs and some docker-compatible ones are):
    // the real docker for everything else.
    dir = await mkdtemp(join(tmpdir(), 'dw-nodial-'));
    binary = join(dir, 'docker');
    const real = DOCKER.includes('/') ? DOCKER : (await run('sh', ['-c', `command -v ${DOCKER}`])).stdout.trim();
    await writeFile(binary, `#!/bin/sh\nif [ "$1" = system ] && [ "$2" = dial-stdio ]; then echo "docker: 'system dial-stdio' is not a docker command." >&2; exit 1; fi\nexec ${real} "$@"\n`);
    await chmod(binary, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('by default: the session falls back to the CLI, says why, and works', async () => {
    const docker = await connectForTest({ binary, env: { ...process.env, DOCKER_WRAPPER_TRANSPORT: '' } });
    try {
      expect(docker.engine.transport).toBe('cli');
      expect(docker.engine.transportNote).toContain("'system dial-stdio' is not a docker command");
      const c = await idle().run(docker);
      expect((await c.inspect()).state.running).toBe(true);
    } finally {
      await docker.close();
    }
  });

  it('with `transport: api` asked for: TRANSPORT_UNAVAILABLE, naming the way out', async () => {
    const { error } = await failure(connectForTest({ binary, transport: 'api' }));
    expect(error.code).toBe('TRANSPORT_UNAVAILABLE');
    expect(error.message).toContain("is not a docker command");
    expect(error.message).toContain("transport: 'cli'");
  });
});
