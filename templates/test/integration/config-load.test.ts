// loadConfig() as Node runs it (not through Vitest's module runner): config files of every kind
// in a temporary project, a `.ts` one through Node's own type stripping, and the errors of files
// that are missing, broken or hold a bad option. No docker.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const nodeModules = fileURLToPath(new URL('../../../node_modules', import.meta.url));

interface Outcome {
  file?: string;
  services?: string[];
  reuse?: boolean;
  error?: { name: string; code: string; file: string; option?: string; message: string };
  stderr: string;
}

// A project folder that can import @docker-wrapper/templates, holding the given files.
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-config-load-'));
  symlinkSync(nodeModules, join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const script = `
const { loadConfig } = await import('@docker-wrapper/templates');
const [cwd, file] = process.argv.slice(1);
try {
  const { file: found, config } = await loadConfig({ cwd, ...(file ? { file } : {}), option: 'dockerWrapper.config' });
  console.log(JSON.stringify({ file: found, services: Object.keys(config.services), reuse: config.reuse }));
} catch (e) {
  console.log(JSON.stringify({ error: { name: e.name, code: e.code, file: e.file, option: e.option, message: e.message } }));
}`;

async function load(cwd: string, file?: string): Promise<Outcome> {
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script, cwd, ...(file ? [file] : [])], { cwd });
  return { ...(JSON.parse(stdout) as Omit<Outcome, 'stderr'>), stderr };
}

const TEMPLATES = "import { defineConfig, postgres, redis } from '@docker-wrapper/templates';\n";

describe('loadConfig() in Node', () => {
  it('finds an .mjs config from a subfolder and checks it', async () => {
    const dir = project({ 'docker-wrapper.config.mjs': `${TEMPLATES}export default defineConfig({ services: { db: postgres(), cache: redis() }, reuse: false });\n`, 'src/deep/.keep': '' });
    const outcome = await load(join(dir, 'src', 'deep'));
    expect(outcome).toMatchObject({ file: join(dir, 'docker-wrapper.config.mjs'), services: ['db', 'cache'], reuse: false });
  });

  it('loads a .ts config through Node\'s type stripping, with no warning', async () => {
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      'docker-wrapper.config.ts': `import { defineConfig, postgres, type DockerWrapperConfig } from '@docker-wrapper/templates';\nimport { cache } from './services.ts';\nconst keep: boolean = false;\nconst config: DockerWrapperConfig = { services: { db: postgres(), cache }, keep };\nexport default defineConfig(config);\n`,
      'services.ts': "import { redis, type Template } from '@docker-wrapper/templates';\nexport const cache: ReturnType<typeof redis> = redis();\nexport type Unused = Template<unknown, never>;\n",
    });
    const outcome = await load(dir);
    expect(outcome).toMatchObject({ file: join(dir, 'docker-wrapper.config.ts'), services: ['db', 'cache'] });
    expect(outcome.stderr).toBe('');
  });

  it('loads a CommonJS config, plain object, by an explicit relative path', async () => {
    const dir = project({ 'config/services.cjs': "const { redis } = require('@docker-wrapper/templates');\nmodule.exports = { services: { cache: redis() } };\n" });
    expect(await load(dir, './config/services.cjs')).toMatchObject({ file: join(dir, 'config', 'services.cjs'), services: ['cache'] });
  });

  it('names the path tried and what to create when the file named is missing', async () => {
    const dir = project({});
    const { error } = await load(dir, './docker-wrapper.config.mjs');
    expect(error).toMatchObject({ name: 'ConfigError', code: 'INVALID_OPTION', option: 'dockerWrapper.config', file: join(dir, 'docker-wrapper.config.mjs') });
    expect(error?.message).toContain(`No docker-wrapper config at ${join(dir, 'docker-wrapper.config.mjs')} (from \`dockerWrapper.config\`: "./docker-wrapper.config.mjs", relative to ${dir}). Create it, for example:\nimport { defineConfig, postgres } from '@docker-wrapper/templates';`);
  });

  it('says where it searched when no config is found', async () => {
    const dir = project({});
    const { error } = await load(dir);
    expect(error?.message).toMatch(/^No docker-wrapper config found: none of docker-wrapper\.config\.ts, .*docker-wrapper\.config\.cjs in \S+ or a folder above it\. Create \S+\/docker-wrapper\.config\.mjs/);
    expect(error?.file).toBe(dir);
  });

  it('names the file and the option of a bad option', async () => {
    const dir = project({ 'docker-wrapper.config.mjs': `${TEMPLATES}export default { services: { db: postgres() }, diagnostic: false };\n` });
    const { error } = await load(dir);
    const file = join(dir, 'docker-wrapper.config.mjs');
    expect(error).toMatchObject({ name: 'ConfigError', code: 'INVALID_OPTION', option: 'diagnostic', file });
    expect(error?.message).toBe(`${file}: Invalid \`diagnostic\`: false. A docker-wrapper config has no such option. Did you mean \`diagnostics\`? Known options: services, diagnostics, reuse, keep, docker.`);
  });

  it('names the file of a config that throws, has no default export or does not parse', async () => {
    const dir = project({
      'throws.mjs': `${TEMPLATES}export default defineConfig({ services: { db: postgres({ version: 'latest' }) } });\n`,
      'named.mjs': `${TEMPLATES}export const config = { services: { db: postgres() } };\n`,
      'broken.mjs': 'export default { services: {\n',
      'enum.mts': 'enum Kind { Db }\nexport default { services: {}, kind: Kind.Db };\n',
    });
    const throws = await load(dir, 'throws.mjs');
    expect(throws.error?.message).toMatch(new RegExp(`^${join(dir, 'throws.mjs')} could not be loaded: Invalid \`postgres.version\`: "latest"`));
    expect((await load(dir, 'named.mjs')).error?.message).toBe(`${join(dir, 'named.mjs')} has no default export. Export the config: \`export default defineConfig({ services: { ... } })\` (or \`module.exports = ...\` in CommonJS).`);
    expect((await load(dir, 'broken.mjs')).error?.message).toMatch(new RegExp(`^${join(dir, 'broken.mjs')} could not be loaded: `));
    expect((await load(dir, 'enum.mts')).error?.message).toMatch(/Node\.js only strips types: enums, namespaces and parameter properties need compiling/);
  });

  it('says how to import a TypeScript file a .ts config names by its .js name', async () => {
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      'docker-wrapper.config.ts': "import { services } from './services.js';\nexport default { services };\n",
      'services.ts': "import { redis } from '@docker-wrapper/templates';\nexport const services = { cache: redis() };\n",
    });
    const { error } = await load(dir);
    expect(error?.message).toContain(`\nNode.js loads TypeScript files by their own name: import ./services.ts (in ${dir}) with its .ts extension`);
  });
});
