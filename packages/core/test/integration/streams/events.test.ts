import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContainerBuilder, DockerCommandError, Events, Executor, InvalidOptionError, Redactor, SESSION_LABEL, Wait, type ContainerEvent, type Docker, type DockerEvent,
} from '../../../src/index.js';
import { suffix } from '../../support/cli.js';
import { connectForTest } from '../../support/docker.js';
import { daemonProxy, dockerClis, dockerProcessesWith, eventually, firstMatch } from './support.js';
import { PODMAN_LACKS, unlessPodman } from '../../support/engine.js';

const debian = () => new ContainerBuilder('debian:bookworm-slim').waitFor(Wait.none());
const idle = () => debian().command(['sleep', '600']);

describe.each(dockerClis())('docker.events.stream with the $label', ({ binary }) => {
  let docker: Docker;
  beforeAll(async () => {
    docker = await connectForTest(binary ? { binary } : {});
  });
  afterAll(async () => {
    await docker.close();
  });

  // The session's container events from just before now, ending after `ms`.
  const sessionEvents = (options: Parameters<Docker['events']['stream']>[0] = {}, ms = 30_000) =>
    docker.events.stream({ type: 'container', labels: { [SESSION_LABEL]: docker.sessionId }, since: new Date(Date.now() - 1000), signal: AbortSignal.timeout(ms), ...options });

  unlessPodman(PODMAN_LACKS.kill)('a killed container yields kill and die events with the signal and exit code', async () => {
    const run = suffix();
    const events = sessionEvents({ action: ['kill', 'die'], labels: { run } });
    const c = await idle().label('run', run).run(docker);
    await c.kill('KILL');
    const seen: ContainerEvent[] = [];
    const die = await firstMatch(events, (e) => {
      if (e.type === 'container') seen.push(e);
      return e.type === 'container' && e.action === 'die';
    });
    expect(die).toMatchObject({ type: 'container', action: 'die', containerId: c.id, containerName: c.name, exitCode: 137 });
    expect(die?.type === 'container' && die.labels).toMatchObject({ run, [SESSION_LABEL]: docker.sessionId });
    expect(seen.find((e) => e.action === 'kill')).toMatchObject({ signal: expect.stringMatching(/^(9|SIGKILL|KILL)$/) });
    expect(seen.every((e) => e.action === 'kill' || e.action === 'die')).toBe(true);
  });

  it('a container that exits on its own yields its exit code', async () => {
    const run = suffix();
    const events = sessionEvents({ action: 'die', labels: { run } });
    const c = await debian().command(['sh', '-c', 'exit 3']).label('run', run).run(docker);
    const die = await firstMatch(events, (e) => e.type === 'container');
    expect(die).toMatchObject({ action: 'die', containerId: c.id, exitCode: 3 });
  });

  unlessPodman(PODMAN_LACKS.health)('an always-failing health check yields health_status: unhealthy', async () => {
    const run = suffix();
    const events = sessionEvents({ action: 'health_status', labels: { run } });
    const c = await idle().label('run', run).healthCheck({ test: ['CMD-SHELL', 'exit 1'], intervalMs: 200, retries: 1 }).run(docker);
    const health = await firstMatch(events, (e) => e.type === 'container' && e.containerId === c.id);
    expect(health).toMatchObject({ action: 'health_status', detail: 'unhealthy', healthStatus: 'unhealthy', containerName: c.name });
    await c.remove();
  });

  it('break ends the stream and kills its docker process', async () => {
    const marker = `dw-break-${suffix()}`;
    const c = await idle().label('marker', marker).run(docker);
    let received: DockerEvent | undefined;
    for await (const event of docker.events.stream({ labels: { marker }, since: new Date(Date.now() - 60_000) })) {
      received = event;
      expect(await dockerProcessesWith(`label=marker=${marker}`)).toHaveLength(1);
      break;
    }
    expect(received?.id).toBe(c.id);
    await eventually(async () => (await dockerProcessesWith(`label=marker=${marker}`)).length === 0, 3000, 'docker events gone');
    await c.remove();
  });

  it('abort ends a waiting stream quietly and kills its docker process', async () => {
    const marker = `dw-abort-${suffix()}`;
    const controller = new AbortController();
    const events: DockerEvent[] = [];
    const reading = (async () => {
      for await (const event of docker.events.stream({ labels: { marker }, signal: controller.signal })) events.push(event);
    })();
    await eventually(async () => (await dockerProcessesWith(`label=marker=${marker}`)).length === 1, 5000, 'docker events started');
    const aborted = performance.now();
    controller.abort();
    await reading;
    expect(performance.now() - aborted).toBeLessThan(2000);
    expect(events).toEqual([]);
    await eventually(async () => (await dockerProcessesWith(`label=marker=${marker}`)).length === 0, 3000, 'docker events gone');
  });

  it('a past `until` replays the backlog and ends by itself', async () => {
    const run = suffix();
    const start = new Date(Date.now() - 1000);
    const c = await debian().command(['true']).label('run', run).run(docker);
    await c.wait();
    const actions: string[] = [];
    for await (const e of docker.events.stream({ labels: { run }, since: start, until: new Date(Date.now() + 500) })) actions.push(e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'start', 'die']));
  });

  it('checks its options before docker runs', () => {
    expect(() => docker.events.stream({ type: 'containers' as never })).toThrow(InvalidOptionError);
    expect(() => docker.events.stream({ since: 5 as never })).toThrow(/Numbers are ambiguous/);
  });
});

describe('when the daemon goes away', () => {
  let docker: Docker;
  beforeAll(async () => {
    docker = await connectForTest();
  });
  afterAll(async () => {
    await docker.close();
  });

  function executorFor(host: string): Executor {
    const env: Record<string, string | undefined> = { ...docker.executor.env, DOCKER_HOST: host };
    delete env.DOCKER_CONTEXT;
    return new Executor({ binary: docker.executor.binary, env, redactor: new Redactor() });
  }

  it('the iterator throws a typed error when the connection to the daemon breaks mid-stream', async ({ skip }) => {
    if (!docker.engine.endpoint.startsWith('unix://')) skip('needs a local unix socket to proxy');
    const proxy = await daemonProxy(docker.engine.endpoint.slice('unix://'.length));
    const events = new Events({ executor: executorFor(proxy.host) });
    const run = suffix();
    const received: DockerEvent[] = [];
    const outcome = (async () => {
      for await (const event of events.stream({ labels: { run }, since: new Date(Date.now() - 1000) })) {
        received.push(event);
        proxy.cut();
      }
    })().then(() => undefined, (e: unknown) => e);
    await debian().command(['true']).label('run', run).run(docker);
    const error = await outcome;
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('STREAM_FAILED');
    expect((error as DockerCommandError).message).toMatch(/ended the event stream.*unexpected EOF/);
  });

  it('a daemon that cannot be reached is DAEMON_UNREACHABLE', async () => {
    const events = new Events({ executor: executorFor('unix:///nonexistent/docker.sock') });
    const error = await firstMatch(events.stream(), () => true).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('DAEMON_UNREACHABLE');
  });
});
