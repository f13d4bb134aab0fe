// Fault matrix: a start that fails after two of three services are up. The two are removed, and the
// error names the third and why (its exit code and its last log line), through startServices() and
// through the run layer every adapter starts with (startRun()).
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ContainerBuilder, Docker, Wait } from '@docker-wrapper/core';
import { ServicesStartError, redis, service, startRun, startServices } from '@docker-wrapper/templates';
import { leftovers, runningContainers, sessionId, until } from '../support/runner.js';

// A service that fails only when the test says so (`/tmp/go` appears): it prints why, then exits 3.
const failsOnCue = () =>
  service(
    new ContainerBuilder('redis')
      .label('fault', 'on-cue')
      .command(['sh', '-c', 'while [ ! -e /tmp/go ]; do sleep 0.1; done; echo "fatal: cannot load /data/module.so: no such file" >&2; exit 3'])
      .port(6379)
      .waitFor(Wait.forLog('Ready to accept connections')),
    { kind: 'queue' },
  );

const templates = () => ({ cache: redis(), sessions: redis(), queue: failsOnCue() });

// The ids of the session's containers whose Redis is ready (as its log says).
async function answering(session: string): Promise<string[]> {
  const ids = await runningContainers(session);
  const logs = await Promise.all(ids.map((id) => execa('docker', ['logs', id], { reject: false, all: true })));
  return ids.filter((_, i) => /Ready to accept connections/.test(logs[i]?.all ?? ''));
}

// Starts the three services with `start`, lets the third fail once the other two answer, and
// returns the error and the two that were up.
async function failAfterTwo(session: string, start: () => Promise<unknown>): Promise<{ error: unknown; up: string[] }> {
  const starting = start().then(
    () => undefined,
    (error: unknown) => error,
  );
  let up: string[] = [];
  const twoUp = await until(async () => (up = await answering(session)).length === 2, 60_000);
  if (!twoUp) throw new Error(`the two Redis services of ${session} did not come up`);
  const { stdout } = await execa('docker', ['ps', '-q', '--filter', `label=docker-wrapper.session=${session}`, '--filter', 'label=fault=on-cue']);
  await execa('docker', ['exec', stdout.trim(), 'touch', '/tmp/go']);
  return { error: await starting, up };
}

function expectNamesTheThird(error: unknown): void {
  expect(error).toBeInstanceOf(ServicesStartError);
  const message = (error as ServicesStartError).message;
  expect(message).toMatch(/^1 of 3 service\(s\) failed to start:\n- queue \(queue\): Container dw-redis-[0-9a-f]+ \(redis\) did not become ready .*the log ended after 0 of 1 matching line\(s\); the container exited with code 3\n/);
  expect(message).toMatch(/\n\[queue\]\nState: exited, exit code 3, OOMKilled no/);
  expect(message).toContain('fatal: cannot load /data/module.so: no such file');
  expect((error as ServicesStartError).failures.map((f) => f.service)).toEqual(['queue']);
}

describe('a start that fails after two of three services are up', () => {
  it('startServices() removes the two and names the third and why', async () => {
    const session = sessionId('flt-partial');
    const docker = await Docker.connect({ sessionId: session, handleSignals: false });
    try {
      const { error, up } = await failAfterTwo(session, () => startServices(docker, templates()));
      expectNamesTheThird(error);
      expect(up).toHaveLength(2);
      // The two that were up are gone at once (not at close()).
      const left = await execa('docker', ['ps', '-aq', '--no-trunc', ...up.flatMap((id) => ['--filter', `id=${id}`])]);
      expect(left.stdout).toBe('');
    } finally {
      await docker.close();
    }
    expect(await leftovers(session)).toEqual([]);
  });

  it('startRun() (every adapter\'s start) does the same and leaves nothing of the session', async () => {
    const session = sessionId('flt-partial-run');
    const { error, up } = await failAfterTwo(session, () => startRun(templates(), { docker: { sessionId: session, handleSignals: false } }));
    expectNamesTheThird(error);
    expect(up).toHaveLength(2);
    expect(await leftovers(session)).toEqual([]);
  });
});
