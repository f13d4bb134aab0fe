// The published packages as a user gets them: `npm pack` of each workspace, the tarballs installed
// with real npm into fresh projects outside the workspace, then ESM imports, CommonJS require(),
// every export of every package resolved, and the types checked by `tsc --noEmit` (strict, NodeNext).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumer, exportTargets, installedManifest, packAll, typecheck, writeFiles, type Packed } from './consumer.js';

const names = ['@docker-wrapper/core', '@docker-wrapper/templates', '@docker-wrapper/vitest', '@docker-wrapper/jest', '@docker-wrapper/playwright'];
// The framework versions this repository tests with (the root package.json's).
const rootPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
const frameworks = Object.fromEntries(['vitest', 'jest', 'jest-environment-node', 'jest-environment-jsdom', '@playwright/test'].map((name) => [name, rootPackage.devDependencies[name]!]));

let packed: Packed[];
const tarball = (name: string) => packed.find((entry) => entry.name === name)!.filename;

// The tarballs' folder and the consumer projects (about 130 MB with the frameworks) go at the end.
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  const result = await packAll();
  made.push(result.dir);
  packed = result.packed;
}, 300_000);

describe('the tarballs', () => {
  it('are the five packages, at one version', () => {
    expect(packed.map((entry) => entry.name).sort()).toEqual([...names].sort());
    expect(new Set(packed.map((entry) => entry.version)).size).toBe(1);
  });

  it('each carry a README, the LICENSE and only what runs (no sources, tests, maps or build info)', () => {
    for (const entry of packed) {
      expect(entry.files, entry.name).toContain('README.md');
      expect(entry.files, entry.name).toContain('LICENSE');
      const extra = entry.files.filter((file) => !/^(README\.md|LICENSE|package\.json|jest-preset\.js|bin\/docker-wrapper\.js|(dist|cjs)\/.+\.(js|cjs|d\.ts|d\.cts)|cjs\/package\.json)$/.test(file));
      expect(extra, entry.name).toEqual([]);
    }
  });
});

describe('core and templates alone, in a project with nothing else', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await consumer('dw-core-consumer', [tarball('@docker-wrapper/core'), tarball('@docker-wrapper/templates')]);
    made.push(dir);
  }, 300_000);

  it('install @types/node as a peer (their public types use Node types) and none of wait-on, axios, rxjs, lodash, joi', () => {
    expect(existsSync(join(dir, 'node_modules/@types/node/package.json'))).toBe(true);
    for (const name of ['wait-on', 'axios', 'rxjs', 'lodash', 'joi']) expect(existsSync(join(dir, 'node_modules', name)), name).toBe(false);
  });

  it('type-check under tsc --noEmit (strict, NodeNext) without the project naming @types/node', async () => {
    writeFiles(dir, {
      'index.ts': [
        "import { ContainerBuilder, Docker, Wait, type ErrorCode } from '@docker-wrapper/core';",
        "import { defineConfig, postgres, redis, startServices } from '@docker-wrapper/templates';",
        "import { RunClient } from '@docker-wrapper/templates/worker';",
        "export const code: ErrorCode = 'CLOSED';",
        'export const config = defineConfig({ services: { db: postgres(), cache: redis() } });',
        'export async function main(): Promise<string> {',
        '  await using docker = await Docker.connect();',
        "  const builder = new ContainerBuilder('redis:7').port(6379).waitFor(Wait.forPort(6379));",
        '  const env = await startServices(docker, config.services);',
        '  return `${String(builder)} ${env.connections.db.url} ${typeof RunClient}`;',
        '}',
        '',
      ].join('\n'),
    });
    expect(await typecheck(dir, ['index.ts'])).toEqual({ exitCode: 0, output: '' });
  });

  it('import from ESM and require() from CommonJS', async () => {
    writeFiles(dir, {
      'esm.mjs': "import { Docker } from '@docker-wrapper/core';\nimport { postgres } from '@docker-wrapper/templates';\nconsole.log(typeof Docker.connect, typeof postgres);\n",
      'cjs.cjs': "const { Docker } = require('@docker-wrapper/core');\nconst { postgres } = require('@docker-wrapper/templates');\nconst { RunClient } = require('@docker-wrapper/templates/worker');\nconsole.log(typeof Docker.connect, typeof postgres, typeof RunClient);\n",
    });
    const esm = await execa('node', ['esm.mjs'], { cwd: dir });
    const cjs = await execa('node', ['cjs.cjs'], { cwd: dir });
    expect(esm.stdout).toBe('function function');
    expect(cjs.stdout).toBe('function function function');
  });

  it('give the docker-wrapper command line on the project\'s PATH', async () => {
    const result = await execa('npx', ['--no-install', 'docker-wrapper', '--help'], { cwd: dir });
    expect(result.stdout).toMatch(/Usage: docker-wrapper/);
    expect(result.stdout).toMatch(/\bdoctor\b/);
  });
});

describe('all five with their frameworks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await consumer('dw-all-consumer', names.map(tarball), frameworks);
    made.push(dir);
  }, 300_000);

  it('resolve every export of every package at run time, and each export\'s types file exists', async () => {
    const targets = names.flatMap((name) => exportTargets(installedManifest(dir, name)));
    const script = `for (const s of ${JSON.stringify(targets.map((target) => target.specifier))}) console.log(import.meta.resolve(s));`;
    const { stdout } = await execa('node', ['--input-type=module', '-e', script], { cwd: dir });
    const resolved = stdout.split('\n');
    expect(resolved).toHaveLength(targets.length);
    for (const file of resolved) expect(existsSync(new URL(file)), file).toBe(true);
    for (const target of targets.filter((entry) => entry.types)) {
      const name = names.find((candidate) => target.specifier === candidate || target.specifier.startsWith(`${candidate}/`))!;
      expect(existsSync(join(dir, 'node_modules', name, target.types!)), `${target.specifier} types`).toBe(true);
    }
  });

  it('type-check an import of every typed export under tsc --noEmit (strict, NodeNext)', async () => {
    const typed = names.flatMap((name) => exportTargets(installedManifest(dir, name))).filter((target) => target.types);
    writeFiles(dir, { 'all.ts': `${typed.map((target, index) => `import type * as m${index} from '${target.specifier}';`).join('\n')}\nexport type All = [${typed.map((_, index) => `typeof m${index}`).join(', ')}];\n` });
    expect(await typecheck(dir, ['all.ts'])).toEqual({ exitCode: 0, output: '' });
  });

  it('load the adapters from ESM, and the Jest runtime from CommonJS', async () => {
    writeFiles(dir, {
      'adapters.mjs': [
        "import { dockerServices } from '@docker-wrapper/vitest';",
        "import { servicesSetup, withServices } from '@docker-wrapper/playwright';",
        "import preset from '@docker-wrapper/jest/jest-preset';",
        'console.log(typeof dockerServices, typeof servicesSetup, typeof withServices, Object.keys(preset).sort().join());',
        '',
      ].join('\n'),
      'jest-runtime.cjs': "const { services } = require('@docker-wrapper/jest/runtime');\nconsole.log(typeof services.isolated);\n",
    });
    const esm = await execa('node', ['adapters.mjs'], { cwd: dir });
    expect(esm.stdout).toBe('function function function globalSetup,globalTeardown,testEnvironment');
    const cjs = await execa('node', ['jest-runtime.cjs'], { cwd: dir });
    expect(cjs.stdout).toBe('function');
  });
});
