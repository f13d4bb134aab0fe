// Bad input to the adapters (Vitest plugin, Jest preset, Playwright) and to the config file:
// refused with an error naming the option and the value, before any docker process starts (the
// tripwire binary in DOCKER_WRAPPER_DOCKER_PATH would run first in every one of them).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '@jest/types';
import type { FullConfig, TestType } from '@playwright/test';
import { defineConfig, loadConfig, postgres, redis } from '@docker-wrapper/templates';
import { dockerServices } from '../../packages/vitest-plugin/src/index.js';
import { globalSetup as jestGlobalSetup, readJestOptions } from '../../packages/jest-environment/src/index.js';
import { servicesSetup, withServices } from '../../packages/playwright-fixture/src/index.js';
import { expectRefused, type BadInput } from './support/refused.js';
import { tripwire, type Witness } from './support/tripwire.js';

// A value of the wrong type, passed where TypeScript would refuse it.
const bad = (value: unknown): never => value as never;
const templatesImport = new URL('../../templates/src/index.ts', import.meta.url).href;

// A folder holding one config file with `body` after an import of the templates.
function configFolder(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-bad-config-'));
  writeFileSync(join(dir, 'docker-wrapper.config.mjs'), `import { postgres, redis } from '${templatesImport}';\n${body}\n`);
  return dir;
}

// Jest's global setup over a project folder, as Jest calls it.
const jestSetup = (rootDir: string, testEnvironmentOptions: Record<string, unknown> = {}) => () =>
  jestGlobalSetup({} as Config.GlobalConfig, { rootDir, testEnvironmentOptions } as unknown as Config.ProjectConfig);

// Playwright's global setup as the runner calls it.
const playwrightSetup = (setup: (config: FullConfig) => Promise<unknown>) => () => setup({ workers: 2 } as FullConfig);

// Runs `fn` with one environment variable set (the setups read process.env).
const withEnv = (name: string, value: string, fn: () => Promise<unknown>) => async () => {
  const saved = process.env[name];
  process.env[name] = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
};

// withServices() checks its arguments before it touches the base test.
const base = {} as TestType<object, object>;

describe('bad input: adapters and config files', () => {
  let wire: Witness;
  let previous: string | undefined;
  beforeAll(() => {
    wire = tripwire();
    previous = process.env.DOCKER_WRAPPER_DOCKER_PATH;
    process.env.DOCKER_WRAPPER_DOCKER_PATH = wire.binary;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.DOCKER_WRAPPER_DOCKER_PATH;
    else process.env.DOCKER_WRAPPER_DOCKER_PATH = previous;
  });

  const vitest: BadInput[] = [
    { title: 'vitest: no options', run: () => dockerServices(bad(undefined)), option: 'dockerServices() options', value: 'undefined' },
    { title: 'vitest: no services', run: () => dockerServices({ services: {} }), option: 'dockerServices.services', value: '{}' },
    { title: 'vitest: a template given as a function', run: () => dockerServices({ services: bad({ db: postgres }) }), option: 'dockerServices.services.db', value: 'postgres()' },
    { title: 'vitest: misspelt option', run: () => dockerServices(bad({ services: { db: postgres() }, diagnostic: false })), option: 'dockerServices.diagnostic', value: 'false' },
    { title: 'vitest: keep as "yes"', run: () => dockerServices({ services: { db: postgres() }, keep: bad('yes') }), option: 'dockerServices.keep', value: '"yes"' },
    { title: 'vitest: docker options as a string', run: () => dockerServices({ services: { db: postgres() }, docker: bad('remote') }), option: 'dockerServices.docker', value: '"remote"' },
    { title: 'vitest: misspelt docker option', run: () => dockerServices({ services: { db: postgres() }, docker: bad({ hots: 'tcp://a:2375' }) }), option: 'dockerServices.docker.hots', value: '"tcp://a:2375"' },
    { title: 'vitest: image map target that is a flag', run: () => dockerServices({ services: { db: postgres() }, docker: { imageMap: { postgres: '--rm' } } }), option: 'dockerServices.docker.imageMap["postgres"]', value: '"--rm"' },
  ];

  const jest: BadInput[] = [
    { title: 'jest: near miss of dockerWrapper', run: () => readJestOptions({ dockerWraper: {} }), option: 'testEnvironmentOptions.dockerWraper', value: '{}' },
    { title: 'jest: options as a string', run: () => readJestOptions({ dockerWrapper: './config.mjs' }), option: 'testEnvironmentOptions.dockerWrapper', value: '"./config.mjs"' },
    { title: 'jest: empty config path', run: () => readJestOptions({ dockerWrapper: { config: '' } }), option: 'testEnvironmentOptions.dockerWrapper.config', value: '""' },
    { title: 'jest: misspelt option', run: () => readJestOptions({ dockerWrapper: { confg: 'x.mjs' } }), option: 'testEnvironmentOptions.dockerWrapper.confg', value: '"x.mjs"' },
    { title: 'jest: global setup with a config path that is missing', run: jestSetup(tmpdir(), { dockerWrapper: { config: './no-such.config.mjs' } }), option: 'testEnvironmentOptions.dockerWrapper.config', value: '"./no-such.config.mjs"' },
    { title: 'jest: global setup over a config with a misspelt option', run: () => jestSetup(configFolder('export default { services: { db: postgres() }, resue: true };'))(), option: 'resue', value: 'true' },
  ];

  const playwright: BadInput[] = [
    { title: 'playwright: servicesSetup() without services', run: () => servicesSetup({}), option: 'servicesSetup() services', value: '{}' },
    { title: "playwright: a service named like Playwright's page", run: () => servicesSetup({ page: redis() }), option: 'servicesSetup() services.page', value: '"page"' },
    { title: 'playwright: mode "parallel"', run: () => servicesSetup({ cache: redis() }, { mode: bad('parallel') }), option: 'servicesSetup.mode', value: '"parallel"' },
    { title: 'playwright: per-worker mode with reuse', run: () => servicesSetup({ cache: redis() }, { mode: 'per-worker', reuse: true }), option: 'servicesSetup.reuse', value: 'true' },
    { title: 'playwright: keep as 1', run: () => servicesSetup({ cache: redis() }, { keep: bad(1) }), option: 'servicesSetup.keep', value: '1' },
    { title: 'playwright: misspelt docker option at global setup', run: () => servicesSetup({ cache: redis() }, { docker: bad({ bindAdress: '0.0.0.0' }) }), option: 'servicesSetup.docker.bindAdress', value: '"0.0.0.0"' },
    { title: 'playwright: image map to a flag, at global setup', run: withEnv('DOCKER_WRAPPER_IMAGE_MAP', 'redis=-x', playwrightSetup(servicesSetup({ cache: redis() }))), option: 'DOCKER_WRAPPER_IMAGE_MAP', value: '"-x"' },
    { title: 'playwright: withServices() with a service named _x', run: () => withServices(base, bad({ _cache: redis() })), option: 'withServices() services._cache', value: '"_cache"' },
    { title: 'playwright: withServices() misspelt option', run: () => withServices(base, bad({ cache: redis() }), bad({ diagnostic: false })), option: 'withServices() options.diagnostic', value: 'false' },
    { title: 'playwright: withServices() service named dockerServices', run: () => withServices(base, bad({ dockerServices: redis() })), option: 'withServices() services.dockerServices', value: '"dockerServices"' },
  ];

  const config: BadInput[] = [
    { title: 'config: an array', run: () => defineConfig(bad([])), option: 'config', value: '[]' },
    { title: 'config: no services', run: () => defineConfig(bad({ keep: true })), option: 'services', value: 'undefined' },
    { title: 'config: misspelt key', run: () => defineConfig(bad({ services: { db: postgres() }, servces: {} })), option: 'servces', value: '{}' },
    { title: 'config: reuse as "true"', run: () => defineConfig({ services: { db: postgres() }, reuse: bad('true') }), option: 'reuse', value: '"true"' },
    { title: 'config: docker as an array', run: () => defineConfig({ services: { db: postgres() }, docker: bad([]) }), option: 'docker', value: '[]' },
    { title: 'config: docker bind address that is a name', run: () => defineConfig({ services: { db: postgres() }, docker: { bindAddress: 'localhost' } }), option: 'docker.bindAddress', value: '"localhost"' },
    { title: 'config file: empty path', run: () => loadConfig({ file: '' }), option: 'config', value: '""' },
    { title: 'config file: missing', run: () => loadConfig({ file: 'no-such.config.mjs', cwd: tmpdir() }), option: 'config', value: '"no-such.config.mjs"' },
    { title: 'config file: a service that is a string', run: () => loadConfig({ cwd: configFolder("export default { services: { db: 'postgres' } };") }), option: 'services.db', value: '"postgres"' },
    { title: 'config file: bad template option inside', run: () => loadConfig({ cwd: configFolder("export default { services: { db: postgres({ version: 'newest' }) } };") }), option: 'postgres.version', value: '"newest"' },
    { title: 'config file: no default export', run: () => loadConfig({ cwd: configFolder('export const services = { db: postgres() };') }), option: 'default export' },
  ];

  it.each([...vitest, ...jest, ...playwright, ...config])('$title', async (input) => {
    const before = wire.calls().length;
    await expectRefused(input);
    expect(wire.calls().slice(before)).toEqual([]);
  });
});
