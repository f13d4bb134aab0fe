// compose(): bad input fails when the template is made (no docker process), and the pure parts:
// the rewritten document, port bindings, project names, interpolation, the failure message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartupError, Wait, type Container, type Docker } from '@docker-wrapper/core';
import { compose } from '@docker-wrapper/templates';
import { downArgs, projectName, upArgs } from '../../src/compose/commands.js';
import { failedServiceState, formatComposeFailure } from '../../src/compose/failure.js';
import { interpolate } from '../../src/compose/interpolate.js';
import { bindPort } from '../../src/compose/ports.js';
import { mergeLabels, rewriteCompose } from '../../src/compose/rewrite.js';

const folder = mkdtempSync(join(tmpdir(), 'compose-unit-'));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
const good = file('good.yml', 'services:\n  db:\n    image: postgres:17\n  cache:\n    image: redis:7\n');

describe('compose() bad input', () => {
  it('names a missing file', () => {
    expect(() => compose(join(folder, 'nope.yml'))).toThrow(/Invalid `compose\(file\)`: ".*nope\.yml"\. There is no such file: .*nope\.yml\./);
  });

  it('names the file and the line of YAML that does not parse', () => {
    const bad = file('bad.yml', 'services:\n  db:\n    image: [postgres\n');
    expect(() => compose(bad)).toThrow(/Invalid `compose\(file\)`: ".*bad\.yml"\. The file is not valid YAML \(line \d+, column \d+\)/);
  });

  it('rejects a file without services', () => {
    expect(() => compose(file('empty.yml', 'version: "3"\n'))).toThrow(/Expected a compose file with a `services:` map/);
  });

  it('names the file and suggests the service for an unknown service name', () => {
    expect(() => compose(good, { services: ['dbb'] })).toThrow(/Invalid `compose\.services`: "dbb"\. .*good\.yml has no such service\. Did you mean `db`\? Its services: db, cache\./);
  });

  it('names a wait key for an unknown service', () => {
    expect(() => compose(good, { wait: { cahce: Wait.forHealthy() } })).toThrow(/Invalid `compose\.wait\.cahce`: "cahce"\. .*good\.yml has no such service\. Did you mean `cache`\?/);
  });

  it('rejects a wait that is not a strategy, unknown options and bad values', () => {
    expect(() => compose(good, { wait: { db: 'healthy' as never } })).toThrow(/Invalid `compose\.wait\.db`: "healthy"/);
    expect(() => compose(good, { servics: ['db'] } as never)).toThrow(/Invalid `compose\.servics`.*Did you mean `services`\?/);
    expect(() => compose(good, { env: { TAG: 17 } as never })).toThrow(/Invalid `compose\.env\.TAG`: 17/);
    expect(() => compose(good, { profiles: ['a b'] })).toThrow(/Invalid `compose\.profiles`/);
    expect(() => compose(good, { driver: 'v3' as never })).toThrow(/Invalid `compose\.driver`: "v3"/);
  });

  it('keeps the options it was given unchanged', () => {
    const options = { services: ['db'], env: { TAG: '17' } };
    const template = compose(good, options);
    expect(template.options).toEqual(options);
    expect(Object.isFrozen(template.options)).toBe(true);
    expect(template.kind).toBe('compose');
  });
});

describe('rewriteCompose()', () => {
  const plan = { labels: { 'docker-wrapper.session': 's1' }, substitute: (image: string) => `local/${image}`, builtImage: (service: string) => `built/${service}:h`, hostIp: '127.0.0.1' };

  it('labels services, networks and volumes, substitutes pulled images and names built ones', () => {
    const out = rewriteCompose({
      services: {
        db: { image: 'postgres:17', labels: ['team=shop'], ports: ['5432'] },
        app: { build: './app', ports: ['8080:80', '0.0.0.0:9000:9000'] },
        tagged: { build: './app', image: 'shop/app:dev' },
      },
      volumes: { data: null, shared: { external: true } },
      networks: { back: { driver: 'bridge' } },
    }, plan);
    expect(out.services).toEqual({
      db: { image: 'local/postgres:17', labels: { team: 'shop', 'docker-wrapper.session': 's1' }, ports: ['127.0.0.1::5432'] },
      app: { build: './app', image: 'built/app:h', labels: { 'docker-wrapper.session': 's1' }, ports: ['127.0.0.1:8080:80', '0.0.0.0:9000:9000'] },
      tagged: { build: './app', image: 'shop/app:dev', labels: { 'docker-wrapper.session': 's1' } },
    });
    expect(out.volumes).toEqual({ data: { labels: { 'docker-wrapper.session': 's1' } }, shared: { external: true } });
    expect(out.networks).toEqual({ back: { driver: 'bridge', labels: { 'docker-wrapper.session': 's1' } }, default: { labels: { 'docker-wrapper.session': 's1' } } });
  });

  it('merges labels given as a map or as key=value strings', () => {
    expect(mergeLabels({ a: 1, b: null }, { c: 'x' })).toEqual({ a: '1', b: '', c: 'x' });
    expect(mergeLabels(['a=1=2', 'b'], {})).toEqual({ a: '1=2', b: '' });
  });
});

describe('bindPort()', () => {
  it('binds entries without an address to the host address and keeps the others', () => {
    expect(bindPort(5432, '127.0.0.1')).toBe('127.0.0.1::5432');
    expect(bindPort('5432', '127.0.0.1')).toBe('127.0.0.1::5432');
    expect(bindPort('53/udp', '127.0.0.1')).toBe('127.0.0.1::53/udp');
    expect(bindPort('8080:80', '127.0.0.1')).toBe('127.0.0.1:8080:80');
    expect(bindPort('${PORT}:80', '127.0.0.1')).toBe('127.0.0.1:${PORT}:80');
    expect(bindPort('${IP}:8080:80', '127.0.0.1')).toBe('${IP}:8080:80');
    expect(bindPort('[::1]::80', '127.0.0.1')).toBe('[::1]::80');
    expect(bindPort({ target: 80 }, '127.0.0.1')).toEqual({ target: 80, host_ip: '127.0.0.1' });
    expect(bindPort({ target: 80, host_ip: '0.0.0.0' }, '127.0.0.1')).toEqual({ target: 80, host_ip: '0.0.0.0' });
  });
});

describe('compose commands', () => {
  const stack = { file: '/tmp/x/docker-compose.yml', directory: '/src/app', project: 'dw-s-1', profiles: ['debug'] };

  it('makes a project name compose accepts from any session id', () => {
    expect(projectName('mb3x-1a2b3c4d', 'abc123')).toBe('dw-mb3x-1a2b3c4d-abc123');
    expect(projectName('.My.Session', 'ff')).toBe('dw-my-session-ff');
  });

  it('starts and stops with the file, project directory, project and profiles', () => {
    expect(upArgs(stack, ['db'], true)).toEqual(['-f', '/tmp/x/docker-compose.yml', '--project-directory', '/src/app', '-p', 'dw-s-1', '--profile', 'debug', 'up', '-d', '--build', 'db']);
    expect(downArgs(stack)).toEqual(['-f', '/tmp/x/docker-compose.yml', '--project-directory', '/src/app', '-p', 'dw-s-1', '--profile', 'debug', 'down', '-v', '--remove-orphans', '-t', '0']);
  });
});

describe('interpolate()', () => {
  it('reads variables like compose', () => {
    const env = { TAG: '17', EMPTY: '' };
    expect(interpolate('postgres:${TAG}', env)).toBe('postgres:17');
    expect(interpolate('postgres:$TAG', env)).toBe('postgres:17');
    expect(interpolate('postgres:${NONE:-15}', env)).toBe('postgres:15');
    expect(interpolate('postgres:${EMPTY:-15}', env)).toBe('postgres:15');
    expect(interpolate('postgres:${EMPTY-15}', env)).toBe('postgres:');
    expect(interpolate('a$$b', env)).toBe('a$b');
  });
});

describe('formatComposeFailure()', () => {
  it('names the file and each failed service with its state, exit code and logs', () => {
    const text = formatComposeFailure('/src/docker-compose.yml', 'not ready', [{ service: 'app', container: 'dw-x_app_1', status: 'exited', exitCode: 3, logs: ['boom'] }, { service: 'db', container: 'dw-x_db_1', status: 'running', exitCode: 0, health: 'unhealthy', logs: [] }]);
    expect(text).toBe([
      'compose /src/docker-compose.yml: service `app`, `db`: not ready',
      '',
      '[app] container dw-x_app_1: exited (exit code 3)',
      'last log lines:',
      '  boom',
      '',
      '[db] container dw-x_db_1: running, health unhealthy',
    ].join('\n'));
  });
});

describe('failedServiceState()', () => {
  it('takes the state and last lines a readiness failure already read, asking docker nothing', async () => {
    const error = new StartupError({
      reason: 'timeout', strategy: 'healthy', elapsedMs: 60_000, image: 'postgres:17', containerId: 'abc', containerName: 'dw-x-db-1',
      state: { status: 'running', exitCode: 0, oomKilled: false, restartCount: 0, health: 'unhealthy' },
      logs: Array.from({ length: 50 }, (_, i) => `line ${i}`),
    }, 'not healthy');
    // No docker session: a read would throw.
    const state = await failedServiceState(undefined as unknown as Docker, 'db', { name: 'dw-x-db-1' } as Container, error);
    expect(state).toEqual({ service: 'db', container: 'dw-x-db-1', status: 'running', exitCode: 0, health: 'unhealthy', logs: Array.from({ length: 30 }, (_, i) => `line ${i + 20}`) });
  });
});
