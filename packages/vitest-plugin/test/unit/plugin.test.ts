import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContainerBuilder } from '@docker-wrapper/core';
import { kafka, postgres, redis, service } from '@docker-wrapper/templates';
import { dockerServices, PLUGIN_NAME } from '../../src/plugin.js';
import { definitionKey } from '../../src/shared-runs.js';

type ConfigHook = () => { test: { globalSetup: string[]; setupFiles: string[] } };

describe('dockerServices()', () => {
  it('adds the global setup and the diagnostics setup file', () => {
    const plugin = dockerServices({ services: { db: postgres() } });
    expect(plugin.name).toBe(PLUGIN_NAME);
    const { test } = (plugin.config as unknown as ConfigHook)();
    expect(test.globalSetup).toHaveLength(1);
    expect(test.globalSetup[0]).toMatch(/global-setup\.(js|ts)$/);
    expect(test.setupFiles[0]).toMatch(/setup-file\.(js|ts)$/);
    expect(existsSync(new URL('../../src/global-setup.ts', import.meta.url))).toBe(true);
  });

  it('leaves the setup file out without diagnostics', () => {
    const plugin = dockerServices({ services: { db: postgres() }, diagnostics: false });
    expect((plugin.config as unknown as ConfigHook)().test.setupFiles).toEqual([]);
  });

  it('refuses bad options when the config loads, naming them', () => {
    expect(() => dockerServices({ services: { db: postgres() }, diagnostic: true } as never)).toThrow(/Invalid `dockerServices\.diagnostic`: true\. dockerServices\(\) has no such option\. Did you mean `diagnostics`\?/);
    expect(() => dockerServices({ services: { db: postgres } } as never)).toThrow(/Invalid `dockerServices\.services\.db`.*call it/);
    expect(() => dockerServices({ services: { db: postgres() }, reuse: 'yes' } as never)).toThrow(/Invalid `dockerServices\.reuse`: "yes"\. Expected true or false\./);
    expect(() => dockerServices({ services: { db: postgres() }, docker: 'remote' } as never)).toThrow(/Invalid `dockerServices\.docker`/);
    expect(() => dockerServices(undefined as never)).toThrow(/Invalid `dockerServices\(\) options`/);
  });
});

describe('definitionKey', () => {
  it('is equal for equal definitions made apart, and differs otherwise', () => {
    const make = () => ({ services: { db: postgres({ database: 'app' }), cache: redis(), bus: kafka({ topics: ['a'] }) }, diagnostics: true });
    expect(definitionKey(make())).toBe(definitionKey(make()));
    expect(definitionKey({ services: { db: postgres({ database: 'other' }) } })).not.toBe(definitionKey({ services: { db: postgres({ database: 'app' }) } }));
    expect(definitionKey({ services: { db: postgres() } })).not.toBe(definitionKey({ services: { db2: postgres() } }));
    expect(definitionKey({ a: new URL('file:///a.sql') })).not.toBe(definitionKey({ a: new URL('file:///b.sql') }));
    expect(definitionKey({ a: Buffer.from('x') })).not.toBe(definitionKey({ a: Buffer.from('y') }));
    // service() keeps its builder behind a getter: two images with the same options are two runs.
    const api = (image: string) => ({ services: { api: service(new ContainerBuilder(image).port(80), { kind: 'api' }) } });
    expect(definitionKey(api('nginx:1'))).toBe(definitionKey(api('nginx:1')));
    expect(definitionKey(api('nginx:1'))).not.toBe(definitionKey(api('httpd:2')));
  });
});
