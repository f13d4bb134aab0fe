import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, DockerCommandError, DockerWrapperError, InvalidOptionError, Wait, type Container, type Docker } from '../../src/index.js';
import { docker as cli, processList, suffix } from '../support/cli.js';
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
// A container that stays up and stops at once on SIGTERM (exit 0).
const idle = () => debian().command(['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 0.1; done']).waitFor(Wait.none());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

// Polls until `check` returns true (at most `ms`).
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('ports', () => {
  it('publishes on 127.0.0.1 only: inspect, `docker port` and a connection from another address agree', async () => {
    const c = await python().command(httpServer(200)).port(8080).port(5353, { protocol: 'udp' }).waitFor(Wait.forHttp('/', 8080)).run(docker);
    expect(c.host).toBe('127.0.0.1');
    const info = await c.inspect();
    expect(info.ports['8080/tcp']?.length).toBeGreaterThan(0);
    expect(info.ports['8080/tcp']?.every((b) => b.hostIp === '127.0.0.1')).toBe(true);
    expect(info.ports['5353/udp']?.every((b) => b.hostIp === '127.0.0.1')).toBe(true);
    expect(c.hostPort(5353, 'udp')).toBeGreaterThan(0);

    const port = await cli(['port', c.id]);
    const published = port.stdout.trim().split('\n');
    expect(published).toContain(`8080/tcp -> 127.0.0.1:${c.hostPort(8080)}`);
    expect(published).toContain(`5353/udp -> 127.0.0.1:${c.hostPort(5353, 'udp')}`);
    expect(published.every((line) => line.includes('-> 127.0.0.1:'))).toBe(true);

    expect((await fetch(`http://127.0.0.1:${c.hostPort(8080)}/`)).status).toBe(200);
    // The same port on a non-loopback address of this machine is closed.
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    expect(external).toBeDefined();
    const outside = await rejection(fetch(`http://${external}:${c.hostPort(8080)}/`, { signal: AbortSignal.timeout(3000) }));
    expect(outside).toBeInstanceOf(Error);
    await c.remove();
  });

  it('says which ports are published when asked for another', async () => {
    const c = await idle().port(8080).run(docker);
    const error = (() => {
      try {
        c.hostPort(9999);
      } catch (e) {
        return e as DockerWrapperError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('PORT_NOT_PUBLISHED');
    expect(error?.message).toContain('published: 8080/tcp');
    await c.remove();
  });
});

describe('the issue example', () => {
  unlessPodman(PODMAN_LACKS.runVolumes)('runs a named redis with env, a port, a volume, a memory limit and a restart policy', async () => {
    const name = `cache-${suffix()}`;
    const volume = `dw-data-${suffix()}`;
    const c = await new ContainerBuilder('redis:7-alpine')
      .name(name).env('A', '1').port(6379).volume(volume, '/data').memoryLimit('256m').restartPolicy('unless-stopped')
      .run(docker);
    expect(c.name).toBe(name);
    expect(c.id).toMatch(/^[0-9a-f]{64}$/);
    expect(c.host).toBe('127.0.0.1');
    expect(c.hostPort(6379)).toBeGreaterThan(0);
    expect(await c.exec(['redis-cli', 'ping'])).toEqual({ exitCode: 0, stdout: 'PONG\n', stderr: '' });
    expect(c.info.memoryLimitBytes).toBe(256 * 1024 ** 2);
    expect(c.info.labels).toMatchObject({ 'docker-wrapper.session': docker.sessionId, 'docker-wrapper.pid': String(process.pid) });
    expect(c.info.labels['docker-wrapper.created']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(c.info.labels['docker-wrapper.host']).toBeTruthy();
    const details = await cli(['container', 'inspect', '--format', '{{.HostConfig.RestartPolicy.Name}} {{json .Config.Env}}', c.id]);
    expect(details.stdout).toMatch(/^unless-stopped /);
    expect(details.stdout).toContain('"A=1"');
    // The named volume docker created for it carries the session label too, so close() removes it.
    expect((await docker.volumes.list({ session: true })).map((v) => v.name)).toContain(volume);
    await c.remove();
  });

  it('makes a run with no wait in three API calls and no docker process (api), or two processes: `run -d` and `container inspect` (cli)', async () => {
    const before = { spawned: docker.executor.spawned, calls: docker.executor.apiCalls };
    const c = await idle().run(docker);
    const after = { spawned: docker.executor.spawned - before.spawned, calls: docker.executor.apiCalls - before.calls };
    expect(after).toEqual(docker.executor.transport === 'api' ? { spawned: 0, calls: 3 } : { spawned: 2, calls: 0 });
    await c.remove();
  });

  it('also runs through docker.containers.run(builder)', async () => {
    const c = await docker.containers.run(idle());
    expect((await c.inspect()).state.running).toBe(true);
    expect(await docker.containers.listSession()).toContain(c.id);
    await c.remove();
    expect(await docker.containers.listSession()).not.toContain(c.id);
  });
});

describe('exec', () => {
  let c: Container;
  beforeAll(async () => {
    c = await idle().run(docker);
  });
  afterAll(async () => {
    await c.remove();
  });

  it('runs as the given user, with env and in the given folder', async () => {
    const result = await c.exec(['sh', '-c', 'id -u; echo "$GREETING"; pwd'], { user: '1234:1234', env: { GREETING: '--not-a-flag' }, workdir: '/tmp' });
    expect(result).toEqual({ exitCode: 0, stdout: '1234\n--not-a-flag\n/tmp\n', stderr: '' });
  });

  it('returns a failing command as a result, with stdout and stderr apart', async () => {
    expect(await c.exec(['sh', '-c', 'echo out; echo oops >&2; exit 7'])).toEqual({ exitCode: 7, stdout: 'out\n', stderr: 'oops\n' });
  });

  it('writes input to stdin', async () => {
    expect((await c.exec(['cat'], { input: 'from the host' })).stdout).toBe('from the host');
  });

  it('throws when docker refuses (the container is not running)', async () => {
    const stopped = await debian().command(['true']).waitFor(Wait.forExit()).run(docker);
    const error = await rejection(stopped.exec(['true']));
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).stderr).toMatch(/is not running|can only create exec sessions on running containers/); // Docker's words, Podman's
    await stopped.remove();
    const gone = await rejection(stopped.exec(['true']));
    expect(gone).toBeInstanceOf(DockerCommandError);
    expect((gone as DockerCommandError).code).toBe('NO_SUCH_CONTAINER');
  });
});

describe('logs', () => {
  it('follows until the consumer breaks, and leaves no `docker logs` process behind', async () => {
    const c = await debian().command(['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "line $i"; sleep 0.1; done']).waitFor(Wait.none()).run(docker);
    const follower = (line: string) => line.includes(`logs --follow ${c.id}`);
    const lines: string[] = [];
    let seenRunning = false;
    for await (const line of c.logs({ follow: true })) {
      lines.push(line);
      if (lines.length === 1) seenRunning = (await processList()).some(follower);
      if (lines.length >= 5) break;
    }
    expect(seenRunning).toBe(true);
    expect(lines).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect((await processList()).filter(follower)).toEqual([]);
    await c.remove();
  });

  it('stops following when the signal aborts, without an error', async () => {
    const c = await debian().command(['sh', '-c', 'while :; do echo tick; sleep 0.1; done']).waitFor(Wait.none()).run(docker);
    const controller = new AbortController();
    let count = 0;
    for await (const line of c.logs({ follow: true, signal: controller.signal })) {
      expect(line).toBe('tick');
      if (++count === 3) controller.abort();
    }
    expect(count).toBeGreaterThanOrEqual(3);
    expect((await processList()).filter((line) => line.includes(`logs --follow ${c.id}`))).toEqual([]);
    await c.remove();
  });

  it('ends a followed stream by itself when the container exits, stdout and stderr together', async () => {
    const c = await debian().command(['sh', '-c', 'echo to-stdout; echo to-stderr >&2']).waitFor(Wait.none()).run(docker);
    const lines: string[] = [];
    for await (const line of c.logs({ follow: true })) lines.push(line);
    expect(lines.sort()).toEqual(['to-stderr', 'to-stdout']);
    await c.remove();
  });

  it('reads only what came after `since`, and the last lines with `tail`', async () => {
    const c = await debian().command(['sh', '-c', 'echo early-1; echo early-2; sleep 3; echo late; sleep 600']).waitFor(Wait.forLog('early-2')).run(docker);
    const mark = new Date();
    await eventually(async () => (await c.tail(1)).includes('late'));
    const since: string[] = [];
    for await (const line of c.logs({ since: mark })) since.push(line);
    expect(since).toEqual(['late']);
    const tail: string[] = [];
    for await (const line of c.logs({ tail: 2 })) tail.push(line);
    expect(tail).toEqual(['early-2', 'late']);
    expect(await c.tail(50)).toEqual(['early-1', 'early-2', 'late']);
    await c.remove();
  });

  it('tail() keeps lines written in pieces whole (as a JVM or initdb writes them; Podman\'s --tail splits them)', async () => {
    const script = 'printf "one-"; sleep 0.1; printf "piece\\n"; printf "two"; sleep 0.1; printf "\\n"; echo three; echo four';
    const c = await debian().command(['sh', '-c', script]).waitFor(Wait.forExit()).run(docker);
    expect(await c.tail(50)).toEqual(['one-piece', 'two', 'three', 'four']);
    expect(await c.tail(2)).toEqual(['three', 'four']);
    await c.remove();
  });
});

describe('lifecycle', () => {
  it('pauses, unpauses, restarts, stops and kills', async () => {
    const c = await idle().run(docker);
    await c.pause();
    expect((await c.inspect()).state).toMatchObject({ status: 'paused', paused: true });
    expect(await rejection(c.exec(['true']))).toBeInstanceOf(DockerCommandError);
    await c.unpause();
    expect((await c.inspect()).state).toMatchObject({ status: 'running', paused: false });

    const startedAt = c.info.state.startedAt;
    await c.restart();
    // restart() refreshes what the handle knows.
    expect(c.info.state.running).toBe(true);
    expect(c.info.state.startedAt).not.toBe(startedAt);

    await c.stop();
    expect((await c.inspect()).state).toMatchObject({ status: 'exited', running: false, exitCode: 0 });

    const killed = await idle().run(docker);
    await killed.kill();
    expect(await killed.wait()).toBe(137);
    expect((await killed.inspect()).state.exitCode).toBe(137);
    await Promise.all([c.remove(), killed.remove()]);
  });

  it('restart({ waitFor }) resolves once the strategy passes on the restarted container, and says why when it cannot', async () => {
    // Each start of the process appends a line to a file that survives the restart.
    const c = await debian().command(['sh', '-c', 'echo start >> /started; trap "exit 0" TERM; while :; do sleep 0.1; done']).waitFor(Wait.none()).run(docker);
    const starts = async () => (await c.exec(['sh', '-c', 'wc -l < /started'])).stdout.trim();
    await c.restart({ timeoutSeconds: 1, waitFor: Wait.forProbe('second start', async () => (await starts()) === '2') });
    expect(await starts()).toBe('2');
    const error = await rejection(c.restart({ timeoutSeconds: 1, waitFor: Wait.forProbe('never', () => Promise.resolve(false)), timeoutMs: 3_000 }));
    expect(error).toMatchObject({ code: 'STARTUP_FAILED', reason: 'timeout', strategy: 'never', containerId: c.id });
    await c.remove();
  });

  it('wait() returns the exit code', async () => {
    const c = await debian().command(['sh', '-c', 'sleep 0.5; exit 3']).waitFor(Wait.none()).run(docker);
    expect(await c.wait()).toBe(3);
    await c.remove();
  });

  it('remove() is idempotent and removes anonymous volumes', async () => {
    const c = await new ContainerBuilder('redis:7').waitFor(Wait.none()).run(docker);
    const mounts = await cli(['container', 'inspect', '--format', '{{range .Mounts}}{{.Type}}:{{.Name}} {{end}}', c.id]);
    const anonymous = mounts.stdout.trim().split(' ').filter((m) => m.startsWith('volume:')).map((m) => m.slice('volume:'.length));
    expect(anonymous).toHaveLength(1);
    await c.remove();
    await c.remove();
    expect((await cli(['volume', 'inspect', anonymous[0] as string])).exitCode).not.toBe(0);
    expect((await cli(['container', 'inspect', c.id])).exitCode).not.toBe(0);
  });

  it('`await using` removes the container at the end of the block', async () => {
    let id: string;
    {
      await using c = await idle().run(docker);
      id = c.id;
      expect((await c.inspect()).state.running).toBe(true);
    }
    const error = await rejection(docker.containers.get(id));
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('NO_SUCH_CONTAINER');
  });
});

describe('copy', () => {
  it('copies files and folders in and out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-copy-'));
    const c = await idle().run(docker);
    try {
      await writeFile(join(dir, 'in.txt'), 'from the host\n');
      await c.copyTo(join(dir, 'in.txt'), '/tmp/in.txt');
      expect((await c.exec(['cat', '/tmp/in.txt'])).stdout).toBe('from the host\n');

      await mkdir(join(dir, 'tree'));
      await writeFile(join(dir, 'tree', 'a.txt'), 'a');
      await c.copyTo(join(dir, 'tree'), '/tmp/');
      expect((await c.exec(['cat', '/tmp/tree/a.txt'])).stdout).toBe('a');

      await c.exec(['sh', '-c', 'mkdir -p /tmp/out && echo from the container > /tmp/out/result.txt']);
      await c.copyFrom('/tmp/out/result.txt', join(dir, 'result.txt'));
      expect(await readFile(join(dir, 'result.txt'), 'utf8')).toBe('from the container\n');
      await c.copyFrom('/tmp/out', join(dir, 'out-copy'));
      expect(await readFile(join(dir, 'out-copy', 'result.txt'), 'utf8')).toBe('from the container\n');

      const missing = await rejection(c.copyFrom('/no/such/file', join(dir, 'x')));
      expect(missing).toBeInstanceOf(DockerCommandError);
    } finally {
      await c.remove();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('values stay values', () => {
  it('keeps an env value beginning with -- a value (the container is not privileged)', async () => {
    const c = await debian().env('OPTS', '--privileged').env('MORE', '-v /:/host').command(['sh', '-c', 'echo "$OPTS|$MORE"; sleep 600']).waitFor(Wait.forLog('--privileged')).run(docker);
    expect(await c.tail(1)).toEqual(['--privileged|-v /:/host']);
    const host = await cli(['container', 'inspect', '--format', '{{.HostConfig.Privileged}} {{len .Mounts}}', c.id]);
    expect(host.stdout.trim()).toBe('false 0');
    await c.remove();
  });

  it('passes a command that looks like flags to the container', async () => {
    const c = await debian().entrypoint(['echo']).command(['--rm', '--privileged']).waitFor(Wait.forExit()).run(docker);
    expect(await c.tail()).toEqual(['--rm --privileged']);
    await c.remove();
  });
});

describe('bad input', () => {
  it('throws before any docker process starts', async () => {
    const c = await idle().run(docker);
    const before = docker.executor.spawned;
    const attempts: (() => unknown)[] = [
      () => new ContainerBuilder('redis 7'),
      () => new ContainerBuilder('--privileged'),
      () => debian().env('A=B', 'x'),
      () => debian().port(70000),
      () => debian().memoryLimit('lots'),
      () => debian().label('', 'x'),
      () => c.exec([]),
      () => c.exec(['true'], { env: { 'A=B': 'x' } }),
      () => c.exec(['true'], { user: '--privileged' }),
      () => c.exec(['true'], { workdir: 'relative' }),
      () => docker.images.pull('-x'),
      () => docker.images.exists('Bad Ref'),
      () => docker.images.tag('redis:7', '--force'),
      () => docker.images.build({ context: '' }),
      () => docker.networks.create({ subnet: 'not-a-subnet' }),
      () => docker.networks.create({ name: '--internal' }),
      () => docker.networks.create({ labels: { '': 'x' } }),
      () => docker.volumes.create({ labels: { '': 'x' } }),
      () => docker.volumes.create({ name: '-v' }),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        await attempt();
      } catch (e) {
        error = e;
      }
      expect(error, String(attempt)).toBeInstanceOf(InvalidOptionError);
    }
    expect(docker.executor.spawned).toBe(before);
    await c.remove();
  });
});

describe('failures', () => {
  it('NAME_IN_USE leaves the container that has the name alone', async () => {
    const name = `dw-dup-${suffix()}`;
    const first = await idle().name(name).run(docker);
    const error = await rejection(idle().name(name).run(docker));
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('NAME_IN_USE');
    expect((await first.inspect()).state.running).toBe(true);
    await first.remove();
  });

  it('PORT_ALLOCATED removes the container docker created but could not start', async () => {
    const first = await idle().port(8080).run(docker);
    const name = `dw-port-${suffix()}`;
    const error = await rejection(idle().name(name).port(8080, { hostPort: first.hostPort(8080) }).run(docker));
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('PORT_ALLOCATED');
    expect((await cli(['ps', '-aq', '--filter', `name=^/${name}$`])).stdout.trim()).toBe('');
    await first.remove();
  });

  it('IMAGE_NOT_FOUND with the `never` pull policy', async () => {
    const error = await rejection(new ContainerBuilder(`dw-no-such-image-${suffix()}:1`).pull('never').run(docker));
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('IMAGE_NOT_FOUND');
    expect((error as DockerCommandError).args).toContain('never');
  });
});
