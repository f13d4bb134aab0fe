// A config file's checks (defineConfig, validateConfig) and where the loader looks for one; no
// docker. Loading real files through Node is in test/integration/config-load.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { CONFIG_FILE_NAMES, defineConfig, findConfigFile, postgres, redis, validateConfig, type DockerWrapperConfig } from '@docker-wrapper/templates';

function refusal(config: unknown): InvalidOptionError {
  try {
    validateConfig(config as DockerWrapperConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error(`${JSON.stringify(config)} was accepted`);
}

describe('defineConfig() and validateConfig()', () => {
  it('returns the very object it was given, typed', () => {
    const config = { services: { db: postgres(), cache: redis() }, reuse: false };
    const defined = defineConfig(config);
    expect(defined).toBe(config);
    expect(defined.services.db.kind).toBe('postgres');
  });

  it.each([
    ['not an object', 'postgres', 'config', /Expected an object like `\{ services: \{ db: postgres\(\) \} \}`/],
    ['an array', [], 'config', /Expected an object/],
    ['an unknown option, with the closest known one', { services: { db: postgres() }, servics: 1 }, 'servics', /no such option\. Did you mean `services`\?/],
    ['a misspelt run option', { services: { db: postgres() }, diagnostic: true }, 'diagnostic', /Did you mean `diagnostics`\?/],
    ['no services', { reuse: true }, 'services', /Expected the services to start/],
    ['services that are no map', { services: [postgres()] }, 'services', /Expected an object of names to templates/],
    ['a template factory not called', { services: { db: postgres } }, 'services.db', /call it, like `db: postgres\(\)`/],
    ['a boolean option given as a string', { services: { db: postgres() }, keep: 'yes' }, 'keep', /"yes"\. Expected true or false/],
    ['docker options that are not an object', { services: { db: postgres() }, docker: 'remote' }, 'docker', /Docker\.connect\(\)/],
  ])('refuses %s, naming the option', (_, config, option, message) => {
    const error = refusal(config);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it('defineConfig() checks at once', () => {
    expect(() => defineConfig({ services: { db: postgres() }, reuze: true } as never)).toThrow(/Invalid `reuze`: true\..*Did you mean `reuse`\?/);
  });
});

describe('findConfigFile()', () => {
  const root = () => mkdtempSync(join(tmpdir(), 'dw-config-find-'));

  it('finds the nearest config from a folder up, and says where it looked', () => {
    const top = root();
    const deep = join(top, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(top, 'docker-wrapper.config.mjs'), 'export default {};\n');
    const found = findConfigFile(deep);
    expect(found.file).toBe(join(top, 'docker-wrapper.config.mjs'));
    expect(found.searched).toEqual([deep, join(top, 'a'), top]);
  });

  it('prefers the nearer folder, then the order ts, mts, mjs, js, cjs', () => {
    const top = root();
    const inner = join(top, 'inner');
    mkdirSync(inner);
    writeFileSync(join(top, 'docker-wrapper.config.ts'), '');
    writeFileSync(join(inner, 'docker-wrapper.config.cjs'), '');
    writeFileSync(join(inner, 'docker-wrapper.config.mjs'), '');
    expect(findConfigFile(inner).file).toBe(join(inner, 'docker-wrapper.config.mjs'));
    expect(CONFIG_FILE_NAMES).toEqual(['docker-wrapper.config.ts', 'docker-wrapper.config.mts', 'docker-wrapper.config.mjs', 'docker-wrapper.config.js', 'docker-wrapper.config.cjs']);
  });

  it('skips a folder of that name, and ends at the root when there is none', () => {
    const top = root();
    mkdirSync(join(top, 'docker-wrapper.config.js'));
    const found = findConfigFile(top);
    expect(found.searched.at(-1)).toBe('/');
    expect(found.searched[0]).toBe(top);
    expect(found.file === undefined || !found.file.startsWith(top)).toBe(true);
  });
});
