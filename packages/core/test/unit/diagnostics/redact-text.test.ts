import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/cli/redact.js';
import { maskAssignments, maskSecrets } from '../../../src/diagnostics/redact-text.js';
import { parseEvent } from '../../../src/streams/events-parse.js';
import { fixture } from '../../support/fixtures.js';

describe('maskAssignments', () => {
  it('masks the secret in a captured exec event of a postgres wait', () => {
    const detail = parseEvent(fixture('events/exec-with-secret.cli20.jsonl'))?.detail ?? '';
    expect(maskAssignments(detail)).toBe('/bin/sh -c PGPASSWORD=*** pg_isready --host localhost --username test --dbname test');
  });

  it.each([
    ['DB_PASSWORD=hunter22 ./start', 'DB_PASSWORD=*** ./start'],
    ['api_key: abc123, user: bob', 'api_key: ***, user: bob'],
    ['{"password":"s3cret","user":"bob"}', '{"password":***,"user":"bob"}'],
    ['{"Action":"exec_start: sh -c PGPASSWORD=x1y2 psql"}', '{"Action":"exec_start: sh -c PGPASSWORD=*** psql"}'],
    ['connecting to postgres://test:pa55word@db:5432/app', 'connecting to postgres://test:***@db:5432/app'],
    ['--auth-token=abc --port=5432', '--auth-token=*** --port=5432'],
    ['PORT=5432 HOST=db', 'PORT=5432 HOST=db'],
    ['db not ready: API_TOKEN=tok-123456', 'db not ready: API_TOKEN=***'],
    ['url=postgres://u:secretpw@h/db', 'url=postgres://u:***@h/db'],
    ['12:30:45 ready', '12:30:45 ready'],
  ])('%j -> %j', (input, output) => {
    expect(maskAssignments(input)).toBe(output);
  });
});

describe('maskSecrets', () => {
  it('masks registered values, extra values and assignments together', () => {
    const redactor = new Redactor();
    redactor.add('registered-secret');
    const text = 'registered-secret and env-secret-value and TOKEN=t0k3n';
    expect(maskSecrets(text, redactor, ['env-secret-value', 'ab'])).toBe('*** and *** and TOKEN=***');
  });
});
