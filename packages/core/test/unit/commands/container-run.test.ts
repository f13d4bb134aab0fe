import { describe, expect, it } from 'vitest';
import { containerRunArgs, healthArgs, parseRunOutput } from '../../../src/commands/container-run.js';
import { ContainerBuilder } from '../../../src/resources/container-builder.js';
import { HealthCheck } from '../../../src/wait/health-check.js';

const session = { 'docker-wrapper.session': 's1', 'docker-wrapper.pid': '42' };
const local = { sessionLabels: session, defaultHostIp: '127.0.0.1' };
const args = (builder: ContainerBuilder, options = local) => containerRunArgs(builder.spec, options);
// The values following each occurrence of `flag`.
const values = (argv: string[], flag: string) => argv.flatMap((arg, i) => (arg === flag ? [argv[i + 1]] : []));

describe('containerRunArgs', () => {
  it('starts detached with the pull policy and ends with the image', () => {
    const argv = args(new ContainerBuilder('redis:7'));
    expect(argv.slice(0, 4)).toEqual(['run', '-d', '--pull', 'missing']);
    expect(argv.at(-1)).toBe('redis:7');
    expect(args(new ContainerBuilder('redis:7').pull('never'))).toContain('never');
  });

  it('publishes ports on 127.0.0.1 by default, with docker choosing the host port', () => {
    expect(values(args(new ContainerBuilder('redis:7').port(6379)), '-p')).toEqual(['127.0.0.1::6379/tcp']);
  });

  it('uses the engine default bind address when given (remote engines)', () => {
    expect(values(args(new ContainerBuilder('redis:7').port(6379), { ...local, defaultHostIp: '0.0.0.0' }), '-p')).toEqual(['0.0.0.0::6379/tcp']);
  });

  it('handles udp, an explicit host port and IP, and IPv6 addresses', () => {
    const builder = new ContainerBuilder('dns:1')
      .port(53, { protocol: 'udp' })
      .port(8080, { hostPort: 18080, hostIp: '0.0.0.0' })
      .port(9090, { hostIp: '::1' });
    expect(values(args(builder), '-p')).toEqual(['127.0.0.1::53/udp', '0.0.0.0:18080:8080/tcp', '[::1]::9090/tcp']);
  });

  it('mounts named volumes with the session labels, bind mounts read-only, and tmpfs with size and mode', () => {
    const builder = new ContainerBuilder('app:1').volume('data', '/data').bind('/srv/config', '/etc/app', { readOnly: true }).tmpfs('/scratch', { size: '1m', mode: 0o1777 });
    const argv = args(builder);
    expect(values(argv, '--mount')).toEqual([
      'type=volume,source=data,target=/data,volume-label=docker-wrapper.session=s1,volume-label=docker-wrapper.pid=42',
      'type=bind,source=/srv/config,target=/etc/app,readonly',
    ]);
    expect(values(argv, '--tmpfs')).toEqual(['/scratch:size=1048576,mode=1777']);
  });

  it('quotes whole mount fields that hold commas or quotes (CSV, as docker 20.10 reads it)', () => {
    const argv = containerRunArgs(new ContainerBuilder('app:1').bind('/srv/a,b', '/x"y').spec, { sessionLabels: { 'k': 'v,w' }, defaultHostIp: '127.0.0.1' });
    // docker refused the old `source="/srv/a,b"`: "bare \" in non-quoted-field".
    expect(values(argv, '--mount')).toEqual(['type=bind,"source=/srv/a,b","target=/x""y"']);
    const volume = containerRunArgs(new ContainerBuilder('app:1').volume('data', '/data').spec, { sessionLabels: { 'k': 'say "hi", ok' }, defaultHostIp: '127.0.0.1' });
    expect(values(volume, '--mount')).toEqual(['type=volume,source=data,target=/data,"volume-label=k=say ""hi"", ok"']);
  });

  it('keeps env values that look like flags as one argument right after -e', () => {
    const argv = args(new ContainerBuilder('app:1').env('OPTS', '--privileged').env('X', '-v /:/host'));
    expect(values(argv, '-e')).toEqual(['OPTS=--privileged', 'X=-v /:/host']);
    expect(argv).not.toContain('--privileged');
    expect(argv).not.toContain('-v');
  });

  it('puts the command after the image, flag-like parts included', () => {
    const argv = args(new ContainerBuilder('app:1').command(['--rm', '--privileged']));
    expect(argv.slice(-3)).toEqual(['app:1', '--rm', '--privileged']);
    expect(argv.indexOf('--privileged')).toBeGreaterThan(argv.indexOf('app:1'));
  });

  it('splits an entrypoint array: the first part is --entrypoint, the rest lead the command', () => {
    const argv = args(new ContainerBuilder('app:1').entrypoint(['sh', '-c']).command(['echo hi']));
    expect(values(argv, '--entrypoint')).toEqual(['sh']);
    expect(argv.slice(-3)).toEqual(['app:1', '-c', 'echo hi']);
    expect(values(args(new ContainerBuilder('app:1').entrypoint('tini')), '--entrypoint')).toEqual(['tini']);
  });

  it('adds labels (the session labels win), name and the rest of the options', () => {
    const builder = new ContainerBuilder('app:1')
      .name('cache').label('team', 'core').memoryLimit('256m').cpus(1.5).cpuShares(4096).restartPolicy('on-failure', { maxRetries: 3 })
      .user('999:999').workdir('/data').hostname('cache-host').network('backend', { aliases: ['cache'] }).networkAlias('kv')
      .extraHost('db', '10.0.0.5').platform('linux/arm64').privileged();
    const argv = args(builder);
    expect(values(argv, '--name')).toEqual(['cache']);
    expect(values(argv, '--label')).toEqual(['team=core', 'docker-wrapper.session=s1', 'docker-wrapper.pid=42']);
    expect(values(argv, '--memory')).toEqual([String(256 * 1024 ** 2)]);
    expect(values(argv, '--cpus')).toEqual(['1.5']);
    expect(values(argv, '--cpu-shares')).toEqual(['4096']);
    expect(values(argv, '--restart')).toEqual(['on-failure:3']);
    expect(values(argv, '--user')).toEqual(['999:999']);
    expect(values(argv, '--workdir')).toEqual(['/data']);
    expect(values(argv, '--hostname')).toEqual(['cache-host']);
    expect(values(argv, '--network')).toEqual(['backend']);
    expect(values(argv, '--network-alias')).toEqual(['cache', 'kv']);
    expect(values(argv, '--add-host')).toEqual(['db:10.0.0.5']);
    expect(values(argv, '--platform')).toEqual(['linux/arm64']);
    expect(argv).toContain('--privileged');
  });

  it('is not privileged unless asked', () => {
    expect(args(new ContainerBuilder('app:1'))).not.toContain('--privileged');
    expect(args(new ContainerBuilder('app:1').privileged().privileged(false))).not.toContain('--privileged');
  });

  it('keeps a user label from overriding the session labels', () => {
    const argv = args(new ContainerBuilder('app:1').label('docker-wrapper.pid', '1'));
    expect(values(argv, '--label')).toEqual(['docker-wrapper.pid=42', 'docker-wrapper.session=s1']);
  });
});

describe('healthArgs', () => {
  it('maps a health check onto --health-* flags in milliseconds', () => {
    const spec = HealthCheck.shell('pg_isready -q').interval(250).timeout(1000).retries(5).startPeriod(0).toSpec();
    expect(healthArgs(spec)).toEqual(['--health-cmd', 'pg_isready -q', '--health-interval', '250ms', '--health-timeout', '1000ms', '--health-retries', '5', '--health-start-period', '0ms']);
  });

  it('disables the image health check for NONE', () => {
    expect(healthArgs(HealthCheck.none().toSpec())).toEqual(['--no-healthcheck']);
  });

  it('is what containerRunArgs uses', () => {
    const argv = args(new ContainerBuilder('app:1').healthCheck(HealthCheck.cmd(['redis-cli', 'ping'])));
    expect(values(argv, '--health-cmd')).toEqual(['redis-cli ping']);
  });
});

describe('parseRunOutput', () => {
  const id = 'f'.repeat(64);

  it('reads the container id docker prints last', () => {
    expect(parseRunOutput(`${id}\n`)).toBe(id);
    expect(parseRunOutput(`some pull output\n${id}\n`)).toBe(id);
  });

  it('refuses anything else', () => {
    expect(() => parseRunOutput('')).toThrow(/expected a container id/);
    expect(() => parseRunOutput('Error: nope\n')).toThrow(/expected a container id/);
  });
});
