import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { ContainerBuilder } from '../../../src/resources/container-builder.js';
import type { HealthCheckSpec, RestartPolicy, PullPolicy, Protocol } from '../../../src/resources/container-spec.js';
import type { WaitStrategy } from '../../../src/wait/context.js';
import { HealthCheck } from '../../../src/wait/health-check.js';
import { Wait } from '../../../src/wait/wait.js';

const redis = () => new ContainerBuilder('redis:7-alpine');

function invalid(fn: () => unknown): InvalidOptionError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidOptionError);
  return error as InvalidOptionError;
}

describe('ContainerBuilder bad input', () => {
  it.each([
    ['image with a space', () => new ContainerBuilder('redis 7'), 'image', '"redis 7"'],
    ['image with a leading dash', () => new ContainerBuilder('-redis'), 'image', '"-redis"'],
    ['image that is a flag', () => new ContainerBuilder('--privileged'), 'image', '"--privileged"'],
    ['name with a space', () => redis().name('my cache'), 'name', '"my cache"'],
    ['name that is a flag', () => redis().name('--rm'), 'name', '"--rm"'],
    ['env key with =', () => redis().env('A=B', 'x'), 'env', '"A=B"'],
    ['empty env key', () => redis().env('', 'x'), 'env', '""'],
    ['env key with = in a record', () => redis().env({ OK: '1', 'X=Y': '2' }), 'env', '"X=Y"'],
    ['env value that is not a string', () => redis().env('A', 1 as unknown as string), 'env.A', '1'],
    ['command that is a string', () => redis().command('redis-server --save' as unknown as string[]), 'command', '"redis-server --save"'],
    ['empty entrypoint', () => redis().entrypoint([]), 'entrypoint', '[]'],
    ['port 0', () => redis().port(0), 'port', '0'],
    ['port 65536', () => redis().port(65536), 'port', '65536'],
    ['fractional port', () => redis().port(6379.5), 'port', '6379.5'],
    ['host port 70000', () => redis().port(6379, { hostPort: 70000 }), 'port.hostPort', '70000'],
    ['host port 0', () => redis().port(6379, { hostPort: -1 }), 'port.hostPort', '-1'],
    ['unknown protocol', () => redis().port(53, { protocol: 'sctp' as Protocol }), 'port.protocol', '"sctp"'],
    ['host IP that is a name', () => redis().port(6379, { hostIp: 'localhost' }), 'port.hostIp', '"localhost"'],
    ['volume name with a slash', () => redis().volume('data/x', '/data'), 'volume', '"data/x"'],
    ['relative volume target', () => redis().volume('data', 'data'), 'volume target', '"data"'],
    ['relative bind source', () => redis().bind('./data', '/data'), 'bind', '"./data"'],
    ['relative bind target', () => redis().bind('/srv/data', 'data'), 'bind target', '"data"'],
    ['relative tmpfs', () => redis().tmpfs('tmp'), 'tmpfs', '"tmp"'],
    ['tmpfs size', () => redis().tmpfs('/tmp', { size: 'big' }), 'tmpfs.size', '"big"'],
    ['tmpfs mode', () => redis().tmpfs('/tmp', { mode: 0o17777 }), 'tmpfs.mode', '8191'],
    ['memory size', () => redis().memoryLimit('256 megs'), 'memoryLimit', '"256 megs"'],
    ['memory unit', () => redis().memoryLimit('256q'), 'memoryLimit', '"256q"'],
    ['zero memory', () => redis().memoryLimit(0), 'memoryLimit', '0'],
    ['zero CPUs', () => redis().cpus(0), 'cpus', '0'],
    ['a CPU weight below 2', () => redis().cpuShares(1), 'cpuShares', '1'],
    ['restart policy', () => redis().restartPolicy('sometimes' as RestartPolicy), 'restartPolicy', '"sometimes"'],
    ['retries without on-failure', () => redis().restartPolicy('always', { maxRetries: 3 }), 'restartPolicy.maxRetries', '3'],
    ['empty label key', () => redis().label('', 'x'), 'label', '""'],
    ['label key with =', () => redis().labels({ 'a=b': 'x' }), 'label', '"a=b"'],
    ['session label', () => redis().label('docker-wrapper.session', 'other'), 'label', '"docker-wrapper.session"'],
    ['label value that is not a string', () => redis().label('a', 1 as unknown as string), 'label.a', '1'],
    ['user with a shell command', () => redis().user('root; rm -rf /'), 'user', '"root; rm -rf /"'],
    ['user that is a flag', () => redis().user('--privileged'), 'user', '"--privileged"'],
    ['relative workdir', () => redis().workdir('app'), 'workdir', '"app"'],
    ['hostname with a space', () => redis().hostname('my host'), 'hostname', '"my host"'],
    ['network name', () => redis().network('--net'), 'network', '"--net"'],
    ['network alias', () => redis().network('n1', { aliases: ['bad alias'] }), 'network.aliases', '"bad alias"'],
    ['alias', () => redis().networkAlias('ok', '-x'), 'networkAlias', '"-x"'],
    ['extra host IP', () => redis().extraHost('db', 'nowhere'), 'extraHost.ip', '"nowhere"'],
    ['platform', () => redis().platform('amd64'), 'platform', '"amd64"'],
    ['pull policy', () => redis().pull('sometimes' as PullPolicy), 'pull', '"sometimes"'],
    ['wait strategy', () => redis().waitFor({} as WaitStrategy), 'waitFor', '{}'],
    ['zero startup timeout', () => redis().startupTimeout(0), 'startupTimeout', '0'],
    ['negative startup timeout', () => redis().startupTimeout(-5), 'startupTimeout', '-5'],
    ['health check test', () => redis().healthCheck({ test: [] }), 'healthCheck', '{"test":[]}'],
    ['health check kind', () => redis().healthCheck({ test: ['SHELL', 'true'] }), 'healthCheck', '"SHELL"'],
    ['health check interval', () => redis().healthCheck({ test: ['CMD-SHELL', 'true'], intervalMs: -1 }), 'HealthCheck.interval', '-1'],
    ['health check null', () => redis().healthCheck(null as unknown as HealthCheckSpec), 'healthCheck', 'null'],
  ])('%s', (_why, fn, option, shown) => {
    const error = invalid(fn);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toContain(shown);
  });
});

describe('ContainerBuilder is immutable', () => {
  it('returns a new builder from every method and leaves the original unchanged', () => {
    const base = redis();
    const before = JSON.stringify(base.spec);
    const derived = base
      .name('cache').env('A', '1').command(['redis-server']).entrypoint(['docker-entrypoint.sh']).port(6379).volume('data', '/data')
      .bind('/srv', '/srv', { readOnly: true }).tmpfs('/tmp').memoryLimit('256m').cpus(0.5).restartPolicy('unless-stopped')
      .label('team', 'core').user('999:999').workdir('/data').hostname('cache').network('backend', { aliases: ['cache'] })
      .networkAlias('kv').extraHost('db', '10.0.0.5').healthCheck(HealthCheck.shell('true')).platform('linux/amd64')
      .privileged().pull('never').waitFor(Wait.none()).startupTimeout(5000);
    expect(derived).not.toBe(base);
    expect(JSON.stringify(base.spec)).toBe(before);
    expect(base.spec).toMatchObject({ image: 'redis:7-alpine', env: {}, ports: [], mounts: [], labels: {}, privileged: false, pull: 'missing' });
    expect(base.spec.name).toBeUndefined();
    expect(derived.spec).toMatchObject({ name: 'cache', env: { A: '1' }, memoryBytes: 256 * 1024 ** 2, cpus: 0.5, privileged: true, pull: 'never' });
  });

  it('lets branches of one builder differ without seeing each other', () => {
    const base = redis().env('SHARED', '1').port(6379);
    const a = base.env('ONLY_A', 'a').port(1000);
    const b = base.env('ONLY_B', 'b').label('b', 'yes');
    expect(base.spec.env).toEqual({ SHARED: '1' });
    expect(a.spec.env).toEqual({ SHARED: '1', ONLY_A: 'a' });
    expect(b.spec.env).toEqual({ SHARED: '1', ONLY_B: 'b' });
    expect(a.spec.ports.map((p) => p.containerPort)).toEqual([6379, 1000]);
    expect(b.spec.ports.map((p) => p.containerPort)).toEqual([6379]);
    expect(base.spec.labels).toEqual({});
  });

  it('freezes its spec and copies what the caller passes in', () => {
    const command = ['redis-server', '--save', ''];
    const labels: Record<string, string> = { team: 'core' };
    const health: HealthCheckSpec = { test: ['CMD-SHELL', 'redis-cli ping'], intervalMs: 100 };
    const builder = redis().command(command).labels(labels).healthCheck(health);
    command.push('--appendonly');
    labels.team = 'changed';
    health.test.push('extra');
    health.intervalMs = 1;
    expect(builder.spec.command).toEqual(['redis-server', '--save', '']);
    expect(builder.spec.labels).toEqual({ team: 'core' });
    expect(builder.spec.healthCheck).toEqual({ test: ['CMD-SHELL', 'redis-cli ping'], intervalMs: 100 });
    expect(Object.isFrozen(builder.spec)).toBe(true);
    expect(() => {
      (builder.spec as { name?: string }).name = 'sneaky';
    }).toThrow(TypeError);
  });

  it('replaces a port given twice (same port and protocol) and keeps tcp and udp apart', () => {
    const builder = redis().port(53).port(53, { protocol: 'udp' }).port(53, { hostPort: 5353 });
    expect(builder.spec.ports).toEqual([{ containerPort: 53, protocol: 'udp' }, { containerPort: 53, protocol: 'tcp', hostPort: 5353 }]);
  });

  it('records secret env keys without showing them anywhere else', () => {
    const builder = redis().env('A', '1').env('TOKEN', 't', { secret: true }).env({ B: '2' });
    expect(builder.spec.secretEnv).toEqual(['TOKEN']);
    expect(builder.spec.env).toEqual({ A: '1', TOKEN: 't', B: '2' });
  });

  it('turns a CMD health check into the shell form docker --health-cmd takes', () => {
    expect(redis().healthCheck({ test: ['CMD', 'redis-cli', 'ping', 'it\'s'] }).spec.healthCheck).toEqual({ test: ['CMD-SHELL', `redis-cli ping 'it'\\''s'`] });
    expect(redis().healthCheck(HealthCheck.cmd(['pg_isready', '-U', 'app user']).interval(250)).spec.healthCheck).toEqual({
      test: ['CMD-SHELL', `pg_isready -U 'app user'`],
      intervalMs: 250,
    });
  });
});
