import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, HealthCheck, StartupError, Wait, WaitFailure, type Docker, type WaitStrategy } from '../../src/index.js';
import { connectForTest, httpServer } from '../support/docker.js';
import { PODMAN_LACKS, unlessPodman } from '../support/engine.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

const debian = () => new ContainerBuilder('debian:bookworm-slim');
const python = () => new ContainerBuilder('python:3-slim');

async function startupFailure(builder: ContainerBuilder): Promise<StartupError> {
  const error = await builder.run(docker).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  const startup = error as StartupError;
  // The failed container is removed.
  expect(await docker.containers.listSession()).not.toContain(startup.containerId);
  return startup;
}

describe('Wait.forPort', () => {
  it('returns once the service listens inside and answers through the published port', async () => {
    const c = await python().command(httpServer(200)).port(8080).waitFor(Wait.forPort(8080)).run(docker);
    const response = await fetch(`http://${c.host}:${c.hostPort(8080)}/`);
    expect(response.status).toBe(200);
    await c.remove();
  });

  it('is not satisfied by the docker proxy alone', async () => {
    const error = await startupFailure(debian().command(['sleep', '60']).port(8080).waitFor(Wait.forPort(8080)).startupTimeout(5000));
    expect(error.reason).toBe('timeout');
    expect(error.strategy).toBe('port 8080/tcp');
    expect(error.elapsedMs).toBeGreaterThanOrEqual(4900);
    expect(error.state?.status).toBe('running');
  });
});

describe('Wait.forLog', () => {
  it('counts matching lines from container start', async () => {
    const c = await debian()
      .command(['sh', '-c', 'echo starting; echo ready; sleep 0.3; echo ready; sleep 60'])
      .waitFor(Wait.forLog(/^ready$/, { times: 2 }))
      .run(docker);
    expect((await c.tail()).filter((l) => l === 'ready')).toHaveLength(2);
    await c.remove();
  });

  it('fails with the last log lines when the line never comes', async () => {
    const error = await startupFailure(debian().command(['sh', '-c', 'echo booting; sleep 60']).waitFor(Wait.forLog('never printed')).startupTimeout(5000));
    expect(error.reason).toBe('timeout');
    expect(error.logs).toContain('booting');
    expect(error.message).toContain('booting');
    expect(error.message).toContain('log "never printed"');
  });
});

describe('Wait.forHealthy', () => {
  unlessPodman(PODMAN_LACKS.health)('waits for the health check to pass', async () => {
    const c = await debian()
      .command(['sh', '-c', 'sleep 0.5; touch /tmp/ok; sleep 60'])
      .healthCheck(HealthCheck.shell('test -f /tmp/ok').interval(100).retries(50))
      .waitFor(Wait.forHealthy())
      .run(docker);
    expect((await c.inspect()).state.health?.status).toBe('healthy');
    await c.remove();
  });

  unlessPodman(PODMAN_LACKS.health)('returns at once for a container that is healthy already', async () => {
    const c = await debian().command(['sleep', '60']).healthCheck(HealthCheck.shell('true').interval(100)).waitFor(Wait.none()).run(docker);
    await expect.poll(async () => (await c.inspect()).state.health?.status, { timeout: 10_000 }).toBe('healthy');
    const started = performance.now();
    await Wait.forHealthy().wait({ container: c, executor: docker.executor, signal: AbortSignal.timeout(20_000), localEngine: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    await c.remove();
  });

  unlessPodman(PODMAN_LACKS.health)('fails at once when the container turns unhealthy, with the health log', async () => {
    const error = await startupFailure(
      debian().command(['sleep', '60']).healthCheck(HealthCheck.shell('echo probe-failed; exit 1').interval(100).retries(1)).startupTimeout(30_000),
    );
    expect(error.reason).toBe('unhealthy');
    expect(error.elapsedMs).toBeLessThan(15_000);
    expect(error.state?.health).toBe('unhealthy');
    expect(error.state?.lastHealthOutput).toContain('probe-failed');
  });
});

describe('Wait.forHttp', () => {
  it('accepts the expected status', async () => {
    const c = await python().command(httpServer(200)).port(8080).waitFor(Wait.forHttp('/', 8080)).run(docker);
    expect((await fetch(`http://${c.host}:${c.hostPort(8080)}/x`)).status).toBe(200);
    await c.remove();
    const teapot = await python().command(httpServer(418)).port(8080).waitFor(Wait.forHttp('/', 8080, { status: (s) => s === 418 })).run(docker);
    await teapot.remove();
  });

  it('fails on an endpoint answering 503', async () => {
    const error = await startupFailure(python().command(httpServer(503)).port(8080).waitFor(Wait.forHttp('/health', 8080)).startupTimeout(5000));
    expect(error.reason).toBe('timeout');
    expect(error.strategy).toContain('HTTP GET /health on 8080');
  });
});

describe('Wait.forCommand', () => {
  it('retries the command until it exits 0', async () => {
    const c = await debian().command(['sh', '-c', 'sleep 0.4; touch /tmp/ready; sleep 60']).waitFor(Wait.forCommand(['test', '-f', '/tmp/ready'])).run(docker);
    expect((await c.exec(['test', '-f', '/tmp/ready'])).exitCode).toBe(0);
    await c.remove();
  });
});

describe('Wait.forExit and exits', () => {
  it('succeeds for a one-shot container that exits with the code', async () => {
    const c = await debian().command(['sh', '-c', 'echo migrated']).waitFor(Wait.forExit()).run(docker);
    expect((await c.inspect()).state.exitCode).toBe(0);
    await c.remove();
  });

  it('fails when the container exits with another code', async () => {
    const error = await startupFailure(debian().command(['sh', '-c', 'echo migration failed; exit 3']).waitFor(Wait.forExit()));
    expect(error.reason).toBe('exited');
    expect(error.state?.exitCode).toBe(3);
    expect(error.logs).toContain('migration failed');
  });

  it('fails at once when a container exits 3 while another strategy waits', async () => {
    const error = await startupFailure(debian().command(['sh', '-c', 'echo oops; exit 3']).waitFor(Wait.forLog('ready')).startupTimeout(30_000));
    expect(error.reason).toBe('exited');
    expect(error.elapsedMs).toBeLessThan(10_000);
    expect(error.state?.exitCode).toBe(3);
    expect(error.message).toMatch(/exit code 3/);
  });

  it('masks secrets in the logs it reports', async () => {
    const error = await startupFailure(
      debian().env('DB_PASSWORD', 'sup3r-secret-value').command(['sh', '-c', 'echo "pw=$DB_PASSWORD"; exit 1']).waitFor(Wait.forLog('ready')),
    );
    expect(error.message).not.toContain('sup3r-secret-value');
    expect(error.logs.join('\n')).toContain('pw=***');
  });
});

describe('id-only strategies', () => {
  it('start while the container is inspected, and run() returns it fully inspected', async () => {
    let sawPlaceholder = false;
    const strategy: WaitStrategy = {
      description: 'exec by id',
      idOnly: true,
      wait: async (context) => {
        sawPlaceholder = context.container.info.created === '';
        expect((await context.container.exec(['true'])).exitCode).toBe(0);
      },
    };
    const c = await debian().command(['sleep', '60']).waitFor(strategy).run(docker);
    expect(sawPlaceholder).toBe(true);
    expect(c.info.created).not.toBe('');
    expect(c.info.state.pid).toBeGreaterThan(0);
    await c.remove();
  });

  it('see the ports published on an explicit host port before the inspect, and nothing else', async () => {
    const hostPort = await getPort({ host: '127.0.0.1' });
    const seen: { placeholder?: boolean; port?: number; other?: string } = {};
    const probe = Wait.forProbe('GET from the host', async (container) => (await fetch(`http://127.0.0.1:${container.hostPort(8080)}/`)).status === 200, { idOnly: true });
    const strategy: WaitStrategy = {
      description: probe.description,
      idOnly: true,
      wait: (context) => {
        // What an early strategy sees the moment it starts, before docker's inspect answers.
        const { container } = context;
        seen.placeholder = container.info.created === '';
        seen.port = container.hostPort(8080);
        try {
          container.hostPort(9090);
          seen.other = 'published';
        } catch (error) {
          seen.other = (error as { code?: string }).code;
        }
        return probe.wait(context);
      },
    };
    const c = await python().command(httpServer(200)).port(8080, { hostPort }).port(9090).waitFor(strategy).run(docker);
    expect(seen).toEqual({ placeholder: true, port: hostPort, other: 'PORT_NOT_PUBLISHED' });
    // After run() the container is inspected: docker's own pick is known too.
    expect(c.hostPort(9090)).toBeGreaterThan(0);
    await c.remove();
  });
});

describe('failure reports', () => {
  it('let a container that is dying settle, so the report shows its exit rather than "running"', async () => {
    // The strategy gives up at once; the process exits 100 ms later, after the first inspect.
    const strategy: WaitStrategy = {
      description: 'a check that fails at once',
      wait: () => Promise.reject(new WaitFailure('failed', 'the check failed')),
    };
    const startup = await startupFailure(debian().command(['sh', '-c', 'echo going; sleep 0.1; exit 3']).waitFor(strategy));
    expect(startup.reason).toBe('failed');
    expect(startup.state, startup.message).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(startup.logs).toContain('going');
  });
});

describe('Wait.all / Wait.any and the default', () => {
  it('all waits for every strategy, any for the first', async () => {
    const c = await python()
      .command(httpServer(200))
      .port(8080)
      .waitFor(Wait.all([Wait.forPort(8080), Wait.forHttp('/', 8080)]))
      .run(docker);
    await c.remove();
    const d = await debian().command(['sh', '-c', 'echo up; sleep 60']).waitFor(Wait.any([Wait.forLog('never'), Wait.forLog('up')])).startupTimeout(10_000).run(docker);
    await d.remove();
  });

  it('defaults to every exposed port', async () => {
    // The redis image exposes 6379 and has no health check.
    const c = await new ContainerBuilder('redis:7').port(6379).run(docker);
    const { Socket } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(c.hostPort(6379), c.host, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
    });
    expect(reply).toBe('+PONG\r\n');
    await c.remove();
  });
});
