import { describe, expect, it } from 'vitest';
import { isSecretKey, Redactor } from '../../../src/cli/redact.js';

describe('isSecretKey', () => {
  it.each(['POSTGRES_PASSWORD', 'DB_PASS', 'GITHUB_TOKEN', 'client_secret', 'API_KEY', 'api-key', 'AWS_CREDENTIALS', 'PRIVATE_KEY', 'BASIC_AUTH'])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['POSTGRES_USER', 'PGDATA', 'TZ', 'LANG', 'PORT'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('Redactor', () => {
  it('masks registered values everywhere in text, and ignores values under 4 characters', () => {
    const redactor = new Redactor();
    redactor.add('hunter2-secret');
    redactor.add('abc');
    redactor.add(undefined);
    expect(redactor.text('login with hunter2-secret failed; hunter2-secret again; abc stays')).toBe('login with *** failed; *** again; abc stays');
  });

  it('masks the values of secret-looking keys after -e, --env and --build-arg, keeping the key', () => {
    const args = new Redactor().args(['run', '-e', 'POSTGRES_PASSWORD=pw1234', '--env', 'API_TOKEN=t0k3n', '--build-arg', 'NPM_TOKEN=npm_x', '-e', 'POSTGRES_USER=app']);
    expect(args).toEqual(['run', '-e', 'POSTGRES_PASSWORD=***', '--env', 'API_TOKEN=***', '--build-arg', 'NPM_TOKEN=***', '-e', 'POSTGRES_USER=app']);
  });

  it('masks inline --env=KEY=value and --build-arg=KEY=value forms', () => {
    expect(new Redactor().args(['--env=DB_PASSWORD=x1234', '--build-arg=SECRET=y1234', '--env=USER=app'])).toEqual(['--env=DB_PASSWORD=***', '--build-arg=SECRET=***', '--env=USER=app']);
  });

  it('masks registered secrets in any argument, inline env values included', () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t-value');
    const args = redactor.args(['exec', 'c1', 'psql', 'postgres://u:s3cr3t-value@db/app', '-e', 'CONN=s3cr3t-value', '--env=PLAIN=s3cr3t-value']);
    expect(args.join(' ')).not.toContain('s3cr3t-value');
    expect(args).toEqual(['exec', 'c1', 'psql', 'postgres://u:***@db/app', '-e', 'CONN=***', '--env=PLAIN=***']);
  });

  it('leaves a bare -e KEY (no value) and ordinary arguments alone, without changing its input', () => {
    const input = ['run', '-e', 'PASSWORD', '--name', 'db', 'postgres:17'];
    expect(new Redactor().args(input)).toEqual(input);
    expect(input).toEqual(['run', '-e', 'PASSWORD', '--name', 'db', 'postgres:17']);
  });
});
