import { describe, expect, it } from 'vitest';
import { inspectContainerCommand } from '../../../src/commands/containers.js';
import { parseContainerInspect, toContainerInfo } from '../../../src/commands/inspect.js';
import { bothClis, fixture } from '../../support/fixtures.js';

describe('parseContainerInspect on captured output', () => {
  it.each(bothClis('inspect/container-running.{cli}.json'))('reads a running container with a health check (%s)', (_cli, text) => {
    const [info] = parseContainerInspect(text);
    expect(info).toMatchObject({
      id: '1d68d60bd5688ac202b376a5be72621c3f15f8d92d11b30cceb5848e81e06388',
      name: 'dw-capture',
      image: 'docker-wrapper-ci/base:dev',
      imageId: 'sha256:3765a64042220c67a873a31fe61dc5bf190e0b0abbd0389c5dbad84570c93542',
      created: '2026-11-29T02:11:16.645772611Z',
      restartCount: 0,
      labels: { a: 'b' },
      ports: { '8080/tcp': [{ hostIp: '127.0.0.1', hostPort: 32786 }] },
      exposedPorts: ['8080/tcp'],
      networks: { bridge: { ipAddress: '172.17.0.5', aliases: [] } },
      hasHealthCheck: true,
      memoryLimitBytes: 64 * 1024 ** 2,
    });
    expect(info?.state).toMatchObject({ status: 'running', running: true, paused: false, restarting: false, exitCode: 0, oomKilled: false, pid: 11376, startedAt: '2026-11-29T02:11:17.257795198Z' });
    expect(info?.state.health?.status).toBe('healthy');
    expect(info?.state.health?.failingStreak).toBe(0);
    expect(info?.state.health?.log).toHaveLength(4);
    expect(info?.state.health?.log.at(-1)).toEqual({ exitCode: 0, output: '', start: '2026-11-29T02:11:18.450023052Z', end: '2026-11-29T02:11:18.527157184Z' });
  });

  it('reads an OOM-killed container', () => {
    const [info] = parseContainerInspect(fixture('inspect/container-oom-killed.cli28.json'));
    expect(info?.state).toMatchObject({ status: 'exited', running: false, exitCode: 137, oomKilled: true, pid: 0 });
    expect(info?.state.health).toBeUndefined();
    expect(info?.hasHealthCheck).toBe(false);
    expect(info?.memoryLimitBytes).toBe(32 * 1024 ** 2);
    expect(info?.ports).toEqual({});
  });

  it.each(bothClis('inspect/container-ports.{cli}.json'))('reads tcp and udp bindings, explicit host IPs, and network aliases (%s)', (_cli, text) => {
    const [info] = parseContainerInspect(text);
    expect(info?.ports).toEqual({
      '5353/udp': [{ hostIp: '127.0.0.1', hostPort: 32768 }],
      '6379/tcp': [{ hostIp: '127.0.0.1', hostPort: 32831 }],
      '8080/tcp': [{ hostIp: '0.0.0.0', hostPort: 45321 }],
    });
    expect(info?.exposedPorts.sort()).toEqual(['5353/udp', '6379/tcp', '8080/tcp']);
    expect(info?.networks).toEqual({ 'dw-capture-net2': { ipAddress: '172.20.0.2', aliases: ['cache', 'bfb1e011e9b8'] } });
    expect(info?.memoryLimitBytes).toBe(256 * 1024 ** 2);
    expect(info?.hasHealthCheck).toBe(false);
  });

  it.each(bothClis('inspect/container-internal-network.{cli}.json'))('reads a container on an internal network, where docker publishes nothing (%s)', (_cli, text) => {
    const [info] = parseContainerInspect(text);
    expect(info?.ports).toEqual({});
    expect(info?.exposedPorts.sort()).toEqual(['5353/udp', '8080/tcp']);
    expect(info?.networks['dw-capture-net']).toEqual({ ipAddress: '172.31.250.2', aliases: ['db', 'primary', '0272378a109e'] });
    expect(info?.labels).toEqual({ 'dw-capture': '1' });
  });

  it('gives the same result for both CLIs', () => {
    for (const stem of ['container-running', 'container-ports', 'container-internal-network']) {
      const [cli20, cli28] = bothClis(`inspect/${stem}.{cli}.json`).map(([, text]) => parseContainerInspect(text));
      expect(cli20).toEqual(cli28);
    }
  });
});

describe('toContainerInfo edge cases', () => {
  it('treats an exposed port without bindings (null) as unpublished', () => {
    const info = toContainerInfo({ NetworkSettings: { Ports: { '8080/tcp': null } }, Config: { ExposedPorts: { '8080/tcp': {} } } });
    expect(info.ports).toEqual({ '8080/tcp': [] });
  });

  it('survives missing sections with empty defaults', () => {
    const info = toContainerInfo({});
    expect(info).toMatchObject({ id: '', name: '', labels: {}, ports: {}, exposedPorts: [], networks: {}, hasHealthCheck: false, memoryLimitBytes: 0 });
    expect(info.state.running).toBe(false);
  });

  it('does not count a NONE health check', () => {
    expect(toContainerInfo({ Config: { Healthcheck: { Test: ['NONE'] } } }).hasHealthCheck).toBe(false);
  });
});

describe('inspectContainerCommand', () => {
  it('uses the typed `container inspect` and returns the one container', () => {
    const command = inspectContainerCommand('abc');
    expect(command.args).toEqual(['container', 'inspect', 'abc']);
    expect(command.parse(fixture('inspect/container-running.cli28.json')).name).toBe('dw-capture');
  });

  it('refuses output without a container or that is not an array', () => {
    expect(() => inspectContainerCommand('abc').parse('[]')).toThrow(/no container abc/);
    expect(() => parseContainerInspect('{}')).toThrow(/array/);
  });
});
