import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerEnv, engineHostOf, isLocalEndpoint, resolveBinary } from '../../../src/cli/runtime.js';
import { DockerWrapperError } from '../../../src/errors.js';

describe('engineHostOf', () => {
  it.each([
    ['unix:///var/run/docker.sock', '127.0.0.1'],
    ['npipe:////./pipe/docker_engine', '127.0.0.1'],
    ['tcp://10.0.0.5:2375', '10.0.0.5'],
    ['tcp://localhost:2375', '127.0.0.1'],
    ['tcp://docker.example.com:2376', 'docker.example.com'],
    ['https://docker.example.com', 'docker.example.com'],
    ['ssh://me@build-box', 'build-box'],
    ['ssh://me@build-box:2222', 'build-box'],
    ['ssh://build-box', 'build-box'],
    ['tcp://[fd00::5]:2376', 'fd00::5'],
    ['tcp://127.0.0.1:2375', '127.0.0.1'],
  ])('%s -> %s', (endpoint, host) => {
    expect(engineHostOf(endpoint)).toBe(host);
  });
});

describe('isLocalEndpoint', () => {
  it.each([
    ['unix:///var/run/docker.sock', true],
    ['tcp://127.0.0.1:2375', true],
    ['tcp://127.1.2.3:2375', true],
    ['tcp://localhost:2375', true],
    ['tcp://[::1]:2375', true],
    ['tcp://10.0.0.5:2375', false],
    ['ssh://me@build-box', false],
  ])('%s -> %s', (endpoint, local) => {
    expect(isLocalEndpoint(endpoint)).toBe(local);
  });
});

describe('resolveBinary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-runtime-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A file `name` in folder `folder` (made if missing), executable unless told otherwise.
  const file = (folder: string, name: string, mode = 0o755) => {
    mkdirSync(join(dir, folder), { recursive: true });
    const path = join(dir, folder, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, mode);
    return path;
  };

  it('takes the option first, then DOCKER_WRAPPER_DOCKER_PATH', () => {
    const explicit = file('explicit', 'docker');
    const fromEnv = file('env', 'docker');
    expect(resolveBinary(explicit, { DOCKER_WRAPPER_DOCKER_PATH: fromEnv })).toBe(explicit);
    expect(resolveBinary(undefined, { DOCKER_WRAPPER_DOCKER_PATH: fromEnv, PATH: '' })).toBe(fromEnv);
  });

  it('searches PATH for docker first, then podman', () => {
    const podman = file('a', 'podman');
    const docker = file('b', 'docker');
    expect(resolveBinary(undefined, { PATH: `${join(dir, 'a')}:${join(dir, 'b')}` })).toBe(docker);
    expect(resolveBinary(undefined, { PATH: join(dir, 'a') })).toBe(podman);
  });

  it('skips files on PATH that are not executable', () => {
    file('c', 'docker', 0o644);
    expect(() => resolveBinary(undefined, { PATH: join(dir, 'c') })).toThrow(DockerWrapperError);
  });

  it('says what to do when nothing is found', () => {
    let error: DockerWrapperError | undefined;
    try {
      resolveBinary(undefined, { PATH: '' });
    } catch (e) {
      error = e as DockerWrapperError;
    }
    expect(error?.code).toBe('DOCKER_NOT_FOUND');
    expect(error?.message).toMatch(/Install the Docker CLI/);
    expect(error?.message).toMatch(/DOCKER_WRAPPER_DOCKER_PATH/);
  });

  it('names the source of a path that does not exist or is not executable', () => {
    expect(() => resolveBinary('/nonexistent/docker', {})).toThrow(/"\/nonexistent\/docker" \(from `binary`\) does not exist/);
    expect(() => resolveBinary(undefined, { DOCKER_WRAPPER_DOCKER_PATH: file('d', 'docker', 0o644) })).toThrow(/from DOCKER_WRAPPER_DOCKER_PATH/);
  });

  it('keeps a bare command name for the OS to find', () => {
    expect(resolveBinary('docker', {})).toBe('docker');
  });
});

describe('dockerEnv', () => {
  const env = { PATH: '/bin', DOCKER_HOST: 'tcp://a:2375', DOCKER_CONTEXT: 'ctx' };

  it('lets an explicit host win over contexts', () => {
    expect(dockerEnv({ host: 'unix:///x.sock' }, env)).toEqual({ PATH: '/bin', DOCKER_HOST: 'unix:///x.sock' });
  });

  it('lets an explicit context win over DOCKER_HOST', () => {
    expect(dockerEnv({ context: 'other' }, env)).toEqual({ PATH: '/bin', DOCKER_CONTEXT: 'other' });
  });

  it('passes the environment through otherwise, without changing the original', () => {
    const out = dockerEnv({}, env);
    expect(out).toEqual(env);
    expect(out).not.toBe(env);
    expect(env).toEqual({ PATH: '/bin', DOCKER_HOST: 'tcp://a:2375', DOCKER_CONTEXT: 'ctx' });
  });
});
