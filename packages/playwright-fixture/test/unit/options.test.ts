import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test as base } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { postgres, redis } from '@docker-wrapper/templates';
import { withServices } from '../../src/fixtures.js';
import { servicesSetup } from '../../src/global-setup.js';
import { PLAYWRIGHT_FIXTURES } from '../../src/names.js';

// The member names of an exported interface of Playwright's published types (top level only).
function interfaceMembers(source: string, name: string): string[] {
  const start = source.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`no interface ${name} in Playwright's types`);
  const members: string[] = [];
  let depth = 0;
  for (const line of source.slice(source.indexOf('{', start)).split('\n')) {
    const match = /^ {2}([a-zA-Z_$][\w$]*)\??:/.exec(line);
    if (depth === 1 && match) members.push(match[1] as string);
    for (const char of line) depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    if (depth === 0) break;
  }
  return members;
}

const map = () => ({ db: postgres(), cache: redis() });

describe('withServices()', () => {
  it('refuses a service named like one of Playwright\'s fixtures, saying what to do', () => {
    for (const name of ['page', 'context', 'browser', 'request', 'browserName', 'baseURL', 'playwright']) {
      expect(() => withServices(base, { [name]: postgres() } as never)).toThrow(new RegExp(`^Invalid \`withServices\\(\\) services\\.${name}\`: "${name}"\\. \`${name}\` is one of Playwright's own fixtures: a service by that name would replace it in every test\\. Rename the service \\(its key in the map\\), like \`${name}Service\`\\.$`));
    }
    expect(() => withServices(base, { dockerServices: postgres() } as never)).toThrow(/`dockerServices` is the fixture withServices\(\) adds for the run itself: rename the service\./);
    expect(() => withServices(base, { _db: postgres() } as never)).toThrow(/Playwright keeps fixture names starting with `_` for its own/);
  });

  it('refuses a value that is not a template, and bad options, naming them', () => {
    expect(() => withServices(base, { db: postgres } as never)).toThrow(/Invalid `withServices\(\) services\.db`.*call it, like `db: postgres\(\)`/);
    expect(() => withServices(base, {} as never)).toThrow(/Expected at least one service/);
    expect(() => withServices(base, map(), { diagnostic: false } as never)).toThrow(/^Invalid `withServices\(\) options\.diagnostic`: false\. No such option\. Did you mean `diagnostics`\? Known options: diagnostics\.$/);
    expect(() => withServices(base, map(), { diagnostics: 'yes' } as never)).toThrow(/^Invalid `withServices\.diagnostics`: "yes"\. Expected true or false\.$/);
    expect(() => withServices(base, map(), 'shared' as never)).toThrow(/^Invalid `withServices\(\) options`: "shared"\. Expected an object like/);
  });

  it('leaves the user\'s map as it was', () => {
    const services = map();
    const before = Object.entries(services).map(([name, template]) => [name, template, structuredClone(template.options)]);
    withServices(base, services, { diagnostics: false });
    expect(Object.entries(services).map(([name, template]) => [name, template, template.options])).toEqual(before);
    for (const [name, template] of Object.entries(services)) expect(template).toBe(before.find(([n]) => n === name)?.[1]);
  });
});

describe('servicesSetup()', () => {
  it('checks the map and the options when the module loads, before the global setup runs (so before any docker process)', () => {
    expect(() => servicesSetup({ page: postgres() } as never)).toThrow(/Invalid `servicesSetup\(\) services\.page`: "page"\. `page` is one of Playwright's own fixtures/);
    expect(() => servicesSetup({ db: redis } as never)).toThrow(/Invalid `servicesSetup\(\) services\.db`.*call it, like `db: redis\(\)`/);
    expect(() => servicesSetup(map(), { mode: 'perworker' } as never)).toThrow(/^Invalid `servicesSetup\.mode`: "perworker"\. Expected 'shared' or 'per-worker'\. Did you mean `per-worker`\?$/);
    expect(() => servicesSetup(map(), { mode: 'per-worker', reuse: true })).toThrow(/Invalid `servicesSetup\.reuse`: true\. Per-worker mode starts one set of containers per worker; `reuse: true` would hand every worker the same running one\./);
    expect(() => servicesSetup(map(), { docker: 'remote' } as never)).toThrow(/Invalid `servicesSetup\.docker`: "remote"\. Expected the options of `Docker\.connect\(\)`/);
    expect(() => servicesSetup(map(), { workers: 2 } as never)).toThrow(/Invalid `servicesSetup\(\) options\.workers`: 2\. No such option\. Known options: mode, diagnostics, reuse, keep, docker\./);
    expect(typeof servicesSetup(map(), { mode: 'per-worker', docker: { sessionId: 'unit' } })).toBe('function');
  });
});

describe('PLAYWRIGHT_FIXTURES', () => {
  it('holds every public fixture and option of the installed Playwright', () => {
    const require = createRequire(import.meta.url);
    const types = readFileSync(join(dirname(require.resolve('playwright/package.json')), 'types/test.d.ts'), 'utf8');
    const published = ['PlaywrightTestArgs', 'PlaywrightTestOptions', 'PlaywrightWorkerArgs', 'PlaywrightWorkerOptions'].flatMap((name) => interfaceMembers(types, name));
    expect(published).toContain('page');
    expect(published).toContain('browserName');
    expect(published.filter((name) => !PLAYWRIGHT_FIXTURES.includes(name))).toEqual([]);
  });
});
