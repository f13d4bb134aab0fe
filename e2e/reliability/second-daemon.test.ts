// Fault matrix, on a second dockerd this file starts (never the machine's own): the daemon restarted
// in the middle of a run (every open stream ends with a clear error or with its container, the
// recorder says why it stopped recording, stop() and close() still return), and its data
// directory full (a clear error naming the service, nothing left, no hang).
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ContainerBuilder, Docker, Wait, type Container, type DockerEvent, type StatsSample } from '@docker-wrapper/core';
import { ServicesStartError, redis, startServices } from '@docker-wrapper/templates';
import { standIn } from '../support/images.js';
import { startSecondDaemon, type SecondDaemon } from './support/second-daemon.js';
import { bounded, outcomeOf } from './support/outcome.js';

describe('a second daemon that restarts and fills up', () => {
  let daemon: SecondDaemon;
  beforeAll(async () => {
    daemon = await startSecondDaemon('r', 71);
    await daemon.load(standIn('redis'));
  });
  afterAll(async () => {
    await daemon?.remove();
  });

  it('restarted in the middle of a run: open streams end with a clear error or with their container, the recorder notes it, stop() and close() return', async () => {
    const docker = await Docker.connect({ host: daemon.host, handleSignals: false });
    const environment = await startServices(docker, { cache: redis() }, { diagnostics: true });
    const cache = environment.services.cache;
    const container = cache.container as Container;
    const events = outcomeOf<DockerEvent>(docker.events.stream({ type: 'container' }));
    const logs = outcomeOf<string>(container.logs({ follow: true }));
    const stats = outcomeOf<StatsSample>(docker.stats.stream(container));
    const monitor = docker.stats.monitor(container);
    await monitor.waitForSamples(2, { timeoutMs: 30_000 });

    await daemon.restart();
    // The daemon stopped its containers on the way down; the service comes back on the new daemon,
    // where the docker processes of the streams opened before are no longer heard.
    await cache.restart();

    const [eventsEnd, logsEnd, statsEnd] = await Promise.all([events.done, logs.done, stats.done].map((done) => bounded(done, 60_000)));
    expect(eventsEnd).not.toBe('timed out');
    expect(logsEnd).not.toBe('timed out');
    expect(statsEnd).not.toBe('timed out');
    expect((eventsEnd as { error?: Error }).error?.message).toMatch(/^The Docker engine ended the event stream \(unexpected EOF\): the daemon stopped or restarted/);
    expect((eventsEnd as { error?: Error }).error).toMatchObject({ code: 'STREAM_FAILED' });
    // The daemon stopped the container: its log stream ends with it, after every line it printed.
    expect(logsEnd).toEqual({});
    expect(logs.items.some((line) => /Ready to accept connections/.test(line))).toBe(true);
    // docker stats never reconnects: the stream fails, whether the daemon was still down when it
    // checked (DAEMON_UNREACHABLE) or already back with the container running (STREAM_FAILED).
    expect((statsEnd as { error?: Error }).error?.message).toMatch(/docker stats (lost its containers: .*Cannot connect to the Docker daemon|stopped reading running container\(s\) [0-9a-f]{12}: its connection to the Docker engine broke)/);
    // A monitor reads the same way: waiting on it ends with that error, not with its timeout.
    const monitorEnd = (await monitor.waitForSamples(1_000_000, { timeoutMs: 60_000 }).catch((error: unknown) => error)) as Error;
    expect(monitorEnd.message).toMatch(/docker stats (lost its containers|stopped reading running container)/);
    expect(monitor.error).toBe(monitorEnd);
    expect(await bounded(monitor.stop(), 10_000)).not.toBe('timed out');
    expect(await environment.diagnosticsText()).toMatch(/! the recording stopped early: The Docker engine ended the event stream/);
    // The restarted service answers, and everything ends in bounded time.
    expect(await bounded(environment.stop(), 60_000)).not.toBe('timed out');
    expect(await bounded(docker.close(), 60_000)).not.toBe('timed out');
    expect((await execa('docker', ['-H', daemon.host, 'ps', '-aq'])).stdout).toBe('');
  });

  it('the Engine API transport with the daemon gone: calls fail at once with DAEMON_UNREACHABLE, work again once it is back, and close() returns', async () => {
    const docker = await Docker.connect({ host: daemon.host, handleSignals: false, transport: 'api' });
    expect(docker.engine.transport).toBe('api');
    const sleeper = () => new ContainerBuilder(standIn('redis')).entrypoint(['sleep', '600']).waitFor(Wait.none());
    const first = await sleeper().run(docker);
    // (nothing of this session may outlive the test, whatever fails)
    onTestFinished(async () => {
      await execa('docker', ['-H', daemon.host, 'rm', '-f', first.id], { reject: false });
    });
    // A wait in flight on a kept-alive connection when the daemon stops.
    const waiting = first.wait().then((code) => ({ code }), (error: unknown) => ({ error: error as { code?: string } }));
    await daemon.stop();
    try {
      const inFlight = await bounded(waiting, 20_000);
      expect(inFlight, 'a call in flight hung').not.toBe('timed out');
      // Either the daemon stopped the container first (its exit code) or the connection died.
      const settled = inFlight as { error?: { code?: string } };
      if (settled.error) expect(settled.error.code).toBe('DAEMON_UNREACHABLE');
      const started = performance.now();
      const refused = await first.inspect().then(() => undefined, (error: unknown) => error as { code?: string; message?: string });
      expect(refused?.code).toBe('DAEMON_UNREACHABLE');
      // The CLI's own words for a daemon it cannot reach, naming the socket.
      expect(refused?.message).toMatch(/Cannot connect to the Docker daemon|dial unix .*docker\.sock/);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await daemon.start();
    }
    // The same session, new connections: the daemon answers again.
    const second = await sleeper().run(docker);
    expect((await second.inspect()).state.running).toBe(true);
    expect(await bounded(docker.close(), 60_000)).not.toBe('timed out');
    expect((await execa('docker', ['-H', daemon.host, 'ps', '-aq'])).stdout).toBe('');
  });

  it('its data directory full: the start fails at once with the reason and the service, nothing is left, and it recovers', async () => {
    const docker = await Docker.connect({ host: daemon.host, handleSignals: false });
    const filler = fillUp(daemon.dataRoot);
    try {
      const outcome = await bounded(startServices(docker, { cache: redis(), queue: redis() }).catch((error: unknown) => error as Error), 60_000);
      expect(outcome, 'the start hung').not.toBe('timed out');
      expect(outcome).toBeInstanceOf(ServicesStartError);
      const message = (outcome as Error).message;
      expect(message).toMatch(/^2 of 2 service\(s\) failed to start:\n- cache \(redis\): .*no space left on device/);
      expect(message).toMatch(/\n- queue \(redis\): .*no space left on device/);
      expect((await execa('docker', ['-H', daemon.host, 'ps', '-aq'])).stdout).toBe('');
    } finally {
      rmSync(filler);
    }
    // With room again, the same session starts the service.
    const environment = await startServices(docker, { cache: redis() });
    await environment.stop();
    expect(await bounded(docker.close(), 60_000)).not.toBe('timed out');
  });
});

// Fills the file system of `dir` with one file (returned) until no byte is left.
function fillUp(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}
