import { describe, expect, it } from 'vitest';
import { beyondLoopback, engineKindOf, engineLogTail, engineStatsRestarts, isShareableEndpoint } from '../../../src/cli/engine-kind.js';
import { fixture } from '../../support/fixtures.js';

describe('engineKindOf on captured `docker version` output', () => {
  it.each(['cli20', 'cli28'])('tells Podman from Docker (%s)', (cli) => {
    expect(engineKindOf(JSON.parse(fixture(`engines/version-podman.${cli}.json`)))).toBe('podman');
    expect(engineKindOf(JSON.parse(fixture(`engines/version-docker.${cli}.json`)))).toBe('docker');
  });

  it('takes an engine without components for Docker', () => {
    expect(engineKindOf(null)).toBe('docker');
    expect(engineKindOf({ Components: null })).toBe('docker');
  });
});

describe('beyondLoopback', () => {
  it('is false for loopback addresses only', () => {
    for (const address of ['127.0.0.1', '127.0.1.1', '::1', 'localhost']) expect(beyondLoopback(address)).toBe(false);
    for (const address of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2']) expect(beyondLoopback(address)).toBe(true);
  });
});

describe('isShareableEndpoint', () => {
  it('is true for TCP and ssh endpoints, loopback ones included (they may be tunnels), false for sockets', () => {
    for (const endpoint of ['tcp://127.0.0.1:23750', 'tcp://docker:2376', 'ssh://root@127.0.0.1:23752', 'https://engine:2376']) expect(isShareableEndpoint(endpoint)).toBe(true);
    for (const endpoint of ['unix:///var/run/docker.sock', 'unix:///run/podman/podman.sock', 'npipe:////./pipe/docker_engine']) expect(isShareableEndpoint(endpoint)).toBe(false);
  });
});

describe('engineLogTail', () => {
  it('asks Docker for the lines wanted, and Podman (whose --tail splits lines) for all of them', () => {
    expect(engineLogTail('docker', 50)).toBe(50);
    expect(engineLogTail(undefined, 50)).toBe(50);
    expect(engineLogTail('podman', 50)).toBeUndefined();
  });
});

describe('engineStatsRestarts', () => {
  it('starts docker stats again on Podman only (on Docker a stalled stream means the daemon restarted)', () => {
    expect(engineStatsRestarts('podman')).toBe(true);
    expect(engineStatsRestarts('docker')).toBe(false);
    expect(engineStatsRestarts(undefined)).toBe(false);
  });
});
