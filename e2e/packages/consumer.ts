// Packs the five workspace packages with real npm and installs the tarballs into fresh projects
// outside the workspace, as a user would.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const workspaces = ['packages/core', 'templates', 'packages/vitest-plugin', 'packages/jest-environment', 'packages/playwright-fixture'];

// The repository's own TypeScript compiler, run inside a consumer (it resolves the consumer's types).
const tsc = join(root, 'node_modules/typescript/bin/tsc');

export interface Packed {
  name: string;
  version: string;
  filename: string;
  files: string[];
}

export interface Manifest {
  name: string;
  version: string;
  exports: Record<string, unknown>;
}

// `npm pack` of every workspace (its `prepack` builds it first) into a fresh folder.
export async function packAll(): Promise<{ dir: string; packed: Packed[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-tarballs-'));
  const args = ['pack', '--json', '--pack-destination', dir, ...workspaces.flatMap((workspace) => ['-w', workspace])];
  const { stdout } = await execa('npm', args, { cwd: root });
  const json = JSON.parse(stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  return { dir, packed: json.map((entry) => ({ name: entry.name, version: entry.version, filename: join(dir, entry.filename), files: entry.files.map((file) => file.path) })) };
}

// A fresh project (type: module) holding `dependencies`, then `npm install` of the tarballs from
// the local cache where it can.
export async function consumer(prefix: string, tarballs: string[], dependencies: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: prefix, private: true, type: 'module', dependencies }, null, 2));
  await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: dir });
  return dir;
}

// `tsc --noEmit` in the consumer over `files`, with a strict NodeNext tsconfig written for them:
// the exit code and everything tsc printed.
export async function typecheck(dir: string, files: string[]): Promise<{ exitCode: number | undefined; output: string }> {
  const compilerOptions = { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
  const result = await execa('node', [tsc, '-p', '.'], { cwd: dir, reject: false, all: true });
  return { exitCode: result.exitCode, output: result.all };
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

export function installedManifest(dir: string, name: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as Manifest;
}

// Every (specifier, types file or undefined) pair of a package's exports map.
export function exportTargets(manifest: Manifest): { specifier: string; types: string | undefined }[] {
  return Object.entries(manifest.exports).map(([subpath, target]) => ({
    specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
    types: typesOf(target),
  }));
}

// The `types` file of an export target, preferring the import side.
function typesOf(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const record = target as Record<string, unknown>;
  if (typeof record.types === 'string') return record.types;
  return typesOf(record.import) ?? typesOf(record.default) ?? typesOf(record.require);
}
