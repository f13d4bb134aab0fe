import { describe, expect, it } from 'vitest';
import { parseRunHandle } from '../../src/run/handle.js';
import { ProtocolError, parseDiagnosticsRequest, parseIsolateRequest } from '../../src/run/protocol.js';
import { withReuse } from '../../src/run/reuse-override.js';
import { validateTemplateMap } from '../../src/run/validate.js';
import { postgres, redis } from '../../src/index.js';

const handle = { version: 1, sessionId: 's', endpoint: 'http://127.0.0.1:4000', token: 't', connections: { db: { url: 'postgres://u:secret@h/d' } }, services: { db: { kind: 'postgres', containerId: null, reused: false } }, startedAt: '2026-12-02T00:00:00.000Z' };

describe('parseRunHandle', () => {
  it('reads a handle from JSON or an object', () => {
    expect(parseRunHandle(JSON.stringify(handle), 'DOCKER_WRAPPER_RUN')).toEqual(handle);
    expect(parseRunHandle(handle, 'inject')).toBe(handle);
  });

  it('refuses anything else without showing it (it may hold passwords)', () => {
    expect(() => parseRunHandle('{oops', 'DOCKER_WRAPPER_RUN')).toThrow(/Invalid `DOCKER_WRAPPER_RUN`: "\(not shown: it may hold passwords\)"\. Expected the JSON/);
    expect(() => parseRunHandle({ ...handle, version: 2 }, 'x')).toThrow(/version 1/);
    expect(() => parseRunHandle({ ...handle, endpoint: 'http://10.0.0.1:80' }, 'x')).toThrow(/Invalid `x`/);
    try {
      parseRunHandle({ ...handle, version: 2 }, 'x');
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});

describe('coordinator requests', () => {
  it('isolate: a known service and a key', () => {
    expect(parseIsolateRequest({ service: 'db', key: 'vitest-1' }, ['db'])).toEqual({ service: 'db', key: 'vitest-1' });
    expect(() => parseIsolateRequest({ key: 'k' }, ['db'])).toThrow(/No service undefined/);
    expect(() => parseIsolateRequest({ service: 'dbb', key: 'k' }, ['db'])).toThrow(ProtocolError);
    expect(() => parseIsolateRequest({ service: 'db', key: '' }, ['db'])).toThrow(/non-empty string/);
    expect(() => parseIsolateRequest([], ['db'])).toThrow(/JSON object/);
  });

  it('diagnostics: a time range and log lines', () => {
    expect(parseDiagnosticsRequest({ since: 1, until: 2, logLines: 5 })).toEqual({ since: 1, until: 2, logLines: 5 });
    expect(parseDiagnosticsRequest({})).toEqual({});
    expect(() => parseDiagnosticsRequest({ since: -1 })).toThrow(/`since`/);
    expect(() => parseDiagnosticsRequest({ logLines: 'all' })).toThrow(/`logLines`/);
  });
});

describe('validateTemplateMap', () => {
  it('accepts templates by name', () => {
    const map = { db: postgres(), cache: redis() };
    expect(validateTemplateMap('services', map)).toBe(map);
  });

  it('says what to do with a factory, a plain object, an empty map or a bad name', () => {
    expect(() => validateTemplateMap('services', { db: postgres })).toThrow(/Invalid `services\.db`.*call it, like `db: postgres\(\)`/);
    expect(() => validateTemplateMap('services', { db: { image: 'postgres' } })).toThrow(/Expected a template such as `postgres\(\)`/);
    expect(() => validateTemplateMap('services', {})).toThrow(/at least one service/);
    expect(() => validateTemplateMap('services', [postgres()])).toThrow(/Expected an object of names to templates/);
    expect(() => validateTemplateMap('services', { 'my db': redis() })).toThrow(/Invalid `services\.my db`/);
  });
});

describe('withReuse', () => {
  it('makes new templates with reuse set and leaves the user\'s as they were', () => {
    const db = postgres({ database: 'app' });
    const cache = redis({ reuse: true });
    const out = withReuse({ db, cache }, true);
    expect(out.db).not.toBe(db);
    expect(out.db.options).toEqual({ database: 'app', reuse: true });
    expect(db.options).toEqual({ database: 'app' });
    expect(out.cache).toBe(cache);
  });

  it('leaves a template with reuse unset alone when reuse is off, even one it cannot remake', () => {
    const custom = { kind: 'mailpit', options: {}, start: () => Promise.reject(new Error('unused')) };
    const map = { mail: custom, db: postgres() };
    expect(withReuse(map, false)).toEqual(map);
    expect(withReuse(map, false).db).toBe(map.db);
  });

  it('refuses a template it cannot remake', () => {
    const custom = { kind: 'mailpit', options: {}, start: () => Promise.reject(new Error('unused')) };
    expect(() => withReuse({ mail: custom }, true)).toThrow(/Invalid `reuse`.*`mail` \(mailpit\)/);
  });
});
