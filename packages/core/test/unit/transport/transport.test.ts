// The pure parts of the API transport: routes to URLs, daemon errors to the CLI's words, the
// transport choice, and the create body built from a spec.
import { describe, expect, it } from 'vitest';
import { containerCreateBody } from '../../../src/commands/container-create.js';
import { commitCommand, listContainersCommand, removeContainersCommand, stopCommand, waitCommand } from '../../../src/commands/containers.js';
import { ContainerBuilder } from '../../../src/resources/container-builder.js';
import { resolveTransport } from '../../../src/transport/choose.js';
import { daemonErrorText, daemonMessage } from '../../../src/transport/daemon-error.js';
import { queryString, segment } from '../../../src/transport/route.js';
import { InvalidOptionError } from '../../../src/errors.js';

describe('routes', () => {
  it('query strings leave out undefined, repeat arrays and encode values', () => {
    expect(queryString({ a: undefined, force: true, t: 0, changes: ['ENV A=1', 'LABEL x="y z"'], name: 'a&b' })).toBe('?force=true&t=0&changes=ENV+A%3D1&changes=LABEL+x%3D%22y+z%22&name=a%26b');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('a path segment cannot climb out of its route', () => {
    expect(segment('../../containers/x')).toBe('..%2F..%2Fcontainers%2Fx');
    expect(`/images/${segment('registry:5000/org/app:1.0')}/json`).toBe('/images/registry%3A5000%2Forg%2Fapp%3A1.0/json');
  });

  it('container commands carry their API form beside their CLI form', () => {
    expect(stopCommand('abc', 3).api).toMatchObject({ method: 'POST', path: '/containers/abc/stop', query: { t: 3 }, alsoOk: [304] });
    expect(waitCommand('abc').api?.parse({ StatusCode: 137 })).toBe(137);
    expect(removeContainersCommand(['abc']).api).toMatchObject({ method: 'DELETE', path: '/containers/abc', query: { force: true, v: true }, alsoOk: [404] });
    // Several ids have no single API call: the CLI form serves them.
    expect(removeContainersCommand(['a', 'b']).api).toBeUndefined();
    const list = listContainersCommand({ labels: ['k=v', 'p=q'], running: true });
    expect(list.args).toEqual(['ps', '-q', '--no-trunc', '--filter', 'label=k=v', '--filter', 'label=p=q', '--filter', 'status=running']);
    expect(list.api?.query).toEqual({ all: undefined, filters: '{"label":["k=v","p=q"],"status":["running"]}' });
    expect(list.api?.parse([{ Id: 'a' }, { Id: 'b' }, { Id: 'a' }])).toEqual(['a', 'b']);
  });

  it('commit splits the tag into repository and tag, a registry port included', () => {
    expect(commitCommand('c1', 'localhost:5000/cache/pg:abc', ['ENV A=1']).api?.query).toEqual({ container: 'c1', repo: 'localhost:5000/cache/pg', tag: 'abc', changes: ['ENV A=1'] });
    expect(commitCommand('c1', 'localhost:5000/cache/pg', []).api?.query).toEqual({ container: 'c1', repo: 'localhost:5000/cache/pg', tag: undefined, changes: undefined });
    expect(commitCommand('c1', 'x:1', []).api?.parse({ Id: 'sha256:f00' })).toBe('sha256:f00');
  });
});

describe('daemon errors in the CLI words', () => {
  it('the message of a JSON error body, else its text, else the status', () => {
    // Captured from dockerd 20.10: GET /v1.41/volumes/nope.
    expect(daemonErrorText(404, { message: 'get nope: no such volume' })).toBe('Error response from daemon: get nope: no such volume\n');
    expect(daemonMessage(500, 'page not found\n')).toBe('page not found');
    expect(daemonMessage(502, undefined)).toBe('HTTP status 502');
  });
});

describe('the transport choice', () => {
  it('the option, then DOCKER_WRAPPER_TRANSPORT, then api', () => {
    expect(resolveTransport('cli', { DOCKER_WRAPPER_TRANSPORT: 'api' })).toEqual({ wanted: 'cli', explicit: '`transport`' });
    expect(resolveTransport(undefined, { DOCKER_WRAPPER_TRANSPORT: 'cli' })).toEqual({ wanted: 'cli', explicit: 'DOCKER_WRAPPER_TRANSPORT' });
    expect(resolveTransport(undefined, { DOCKER_WRAPPER_TRANSPORT: '' })).toEqual({ wanted: 'api' });
    expect(resolveTransport(undefined, {})).toEqual({ wanted: 'api' });
  });

  it('a DOCKER_WRAPPER_TRANSPORT of anything else is refused, naming it (the option is checked with the other connect options)', () => {
    expect(() => resolveTransport(undefined, { DOCKER_WRAPPER_TRANSPORT: 'grpc' })).toThrow(InvalidOptionError);
    expect(() => resolveTransport(undefined, { DOCKER_WRAPPER_TRANSPORT: 'API' })).toThrow('Invalid `DOCKER_WRAPPER_TRANSPORT`: "API". Expected \'api\' or \'cli\'.');
  });
});

describe('the create body', () => {
  const options = { sessionLabels: { 'docker-wrapper.session': 's1' }, defaultHostIp: '127.0.0.1' };

  it('maps every part of a spec as docker run would', () => {
    const spec = new ContainerBuilder('img:1')
      .env('A', '1').label('k', 'v')
      .port(6379).port(53, { protocol: 'udp', hostIp: '::1', hostPort: 5353 })
      .volume('data', '/data', { readOnly: true }).tmpfs('/t', { size: 1024, mode: 0o1777 }).bind('/h', '/c')
      .memoryLimit(1024 * 1024).cpus(1.5).cpuShares(512).restartPolicy('on-failure', { maxRetries: 2 })
      .user('1:1').workdir('/w').hostname('h').network('n', { aliases: ['a1'] }).extraHost('x', '10.0.0.1')
      .healthCheck({ test: ['CMD-SHELL', 'true'], intervalMs: 1500, timeoutMs: 500, retries: 2, startPeriodMs: 100 })
      .privileged().entrypoint(['sh', '-c']).command(['echo hi']).spec;
    expect(containerCreateBody(spec, options)).toEqual({
      Image: 'img:1',
      Labels: { k: 'v', 'docker-wrapper.session': 's1' },
      Env: ['A=1'],
      ExposedPorts: { '6379/tcp': {}, '53/udp': {} },
      Entrypoint: ['sh'],
      Cmd: ['-c', 'echo hi'],
      User: '1:1',
      WorkingDir: '/w',
      Hostname: 'h',
      Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 1_500_000_000, Timeout: 500_000_000, Retries: 2, StartPeriod: 100_000_000 },
      NetworkingConfig: { EndpointsConfig: { n: { Aliases: ['a1'] } } },
      HostConfig: {
        PortBindings: { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '53/udp': [{ HostIp: '::1', HostPort: '5353' }] },
        Privileged: true,
        Mounts: [
          { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true, VolumeOptions: { Labels: { 'docker-wrapper.session': 's1' } } },
          { Type: 'bind', Source: '/h', Target: '/c', ReadOnly: false },
        ],
        Tmpfs: { '/t': 'size=1024,mode=1777' },
        Memory: 1024 * 1024,
        NanoCpus: 1_500_000_000,
        CpuShares: 512,
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
        NetworkMode: 'n',
        ExtraHosts: ['x:10.0.0.1'],
      },
    });
  });

  it('a plain spec stays plain: no entrypoint or command, so the image decides', () => {
    const body = containerCreateBody(new ContainerBuilder('img:1').spec, options);
    expect(body).not.toHaveProperty('Cmd');
    expect(body).not.toHaveProperty('Entrypoint');
    expect(body.HostConfig).toEqual({ PortBindings: {}, Privileged: false });
  });

  it('values that look like flags stay values', () => {
    const body = containerCreateBody(new ContainerBuilder('img:1').env('X', '--privileged').command(['--rm', '-v', '/:/host']).spec, options);
    expect(body.Env).toEqual(['X=--privileged']);
    expect(body.Cmd).toEqual(['--rm', '-v', '/:/host']);
    expect((body.HostConfig as Record<string, unknown>).Privileged).toBe(false);
  });
});

describe('one mount per container path', () => {
  it('a second volume, bind or tmpfs on a path already mounted is refused, naming it (the API body keys tmpfs by path)', () => {
    const b = new ContainerBuilder('img:1').tmpfs('/scratch');
    expect(() => b.tmpfs('/scratch')).toThrow('Invalid `tmpfs`: "/scratch"');
    expect(() => b.volume('data', '/scratch/')).toThrow('Invalid `volume target`');
    expect(() => b.bind('/h', '/scratch')).toThrow('Invalid `bind target`');
    expect(b.tmpfs('/other').spec.mounts.map((m) => m.target)).toEqual(['/scratch', '/other']);
  });
});
