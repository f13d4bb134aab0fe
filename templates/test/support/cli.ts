// Runs the built `docker-wrapper` command as a subprocess in a temporary project of its own (its
// own state folder), and asks docker what is left of a session. For the CLI's integration tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
export const BIN = fileURLToPath(new URL('../../bin/docker-wrapper.js', import.meta.url));
const nodeModules = fileURLToPath(new URL('../../../node_modules', import.meta.url));

export interface CliProject {
  dir: string;
  env: NodeJS.ProcessEnv;
}

// A project folder with a package.json, the given config file text and a state folder of its own.
export function cliProject(config: string, fileName = 'docker-wrapper.config.mjs'): CliProject {
  const dir = mkdtempSync(join(tmpdir(), 'dw-cli-'));
  symlinkSync(nodeModules, join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "dw-cli-test", "private": true }\n');
  writeFileSync(join(dir, fileName), config);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_WRAPPER_STATE_DIR: join(dir, '.state'), DOCKER_WRAPPER_PROJECT: dir };
  delete env.CI;
  return { dir, env };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

// Runs the command to its end.
export async function cli(project: CliProject, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: project.dir, env: { ...project.env, ...extraEnv }, timeout: 180_000 });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '', ms: performance.now() - started };
  }
}

// Starts the command and leaves it running.
export function spawnCli(project: CliProject, args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: project.dir, env: project.env, stdio: ['ignore', 'pipe', 'pipe'] });
}

// Every container, network and volume labelled with the session (ids).
export async function sessionResources(sessionId: string): Promise<string[]> {
  const filter = `label=docker-wrapper.session=${sessionId}`;
  const lists = await Promise.all([
    exec('docker', ['ps', '-aq', '--filter', filter]),
    exec('docker', ['network', 'ls', '-q', '--filter', filter]),
    exec('docker', ['volume', 'ls', '-q', '--filter', filter]),
  ]);
  return lists.flatMap(({ stdout }) => stdout.split('\n').filter(Boolean));
}

export const REDIS_CONFIG = "import { defineConfig, redis } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { cache: redis() } });\n";
