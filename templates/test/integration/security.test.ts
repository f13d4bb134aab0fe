// The security defaults (docs/security.md), each checked on the real engine so that a regression
// fails here: containers are not privileged, mount no docker socket, stay off the host network
// and publish on 127.0.0.1; passwords are random per start; a password given or generated shows up
// in no error, captured output, diagnostics report (text or JSON), command-line output or cached
// image, even when the service itself prints it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, type Docker } from '@docker-wrapper/core';
import { kafka, postgres, redis, service, startRun, startServices } from '../../src/index.js';
import { cli, cliProject } from '../support/cli.js';
import { connectForTest } from '../support/docker.js';
import { recordingDocker } from '../support/recording-docker.js';

const exec = promisify(execFile);
const dockerCli = async (args: string[]) => (await exec('docker', args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
const secret = () => `pw-${randomBytes(12).toString('hex')}`;

interface Inspected {
  Image: string;
  Config: { Env: string[] | null; Cmd: string[] | null };
  HostConfig: { Privileged: boolean; NetworkMode: string; Binds: string[] | null; PortBindings: Record<string, { HostIp: string }[] | null> | null; CapAdd: string[] | null; PidMode: string; IpcMode: string };
  Mounts: { Source?: string; Destination: string }[];
  NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> };
}

async function inspectContainer(id: string): Promise<Inspected> {
  return (JSON.parse(await dockerCli(['container', 'inspect', id])) as Inspected[])[0] as Inspected;
}

// Everything a failed call leaves for people to read: message, stack, cause chain and properties.
function everything(error: unknown): string {
  return [String(error), (error as Error).stack ?? '', inspect(error, { depth: Infinity, maxStringLength: Infinity, maxArrayLength: Infinity })].join('\n');
}

// Runs `fn` while recording what this process writes to stdout and stderr.
async function capturingOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap = (write: typeof process.stdout.write) => ((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stdout.write = tap(writes.out);
  process.stderr.write = tap(writes.err);
  try {
    const result = await fn();
    return { result, output: chunks.join('') };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}

// A shell init script that prints the password to the container log, then fails the init.
function leakyInitScript(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dw-security-')), 'leak.sh');
  writeFileSync(file, 'echo "connecting with password $POSTGRES_PASSWORD"\nexit 3\n');
  return file;
}

describe('security defaults', () => {
  let docker: Docker;
  beforeAll(async () => {
    docker = await connectForTest();
  });
  afterAll(async () => {
    await docker.close();
  });

  it("every template's container: not privileged, no docker socket, not on the host network, ports on 127.0.0.1", async () => {
    const web = service(new ContainerBuilder('python:3.12').command(['python3', '-m', 'http.server', '8000']).port(8000));
    await using environment = await startServices(docker, { db: postgres(), cache: redis(), bus: kafka(), web });
    const ids = Object.values(environment.services).map((s) => s.container?.id as string);
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      const c = await inspectContainer(id);
      expect(c.HostConfig.Privileged).toBe(false);
      expect(c.HostConfig.CapAdd ?? []).toEqual([]);
      expect(c.HostConfig.NetworkMode).not.toBe('host');
      expect(c.HostConfig.PidMode).not.toBe('host');
      expect(c.HostConfig.IpcMode).not.toBe('host');
      expect([...(c.HostConfig.Binds ?? []), ...c.Mounts.map((m) => m.Source ?? '')].filter((source) => source.includes('docker.sock'))).toEqual([]);
      const bindings = Object.values(c.NetworkSettings.Ports).flatMap((b) => b ?? []);
      expect(bindings.length).toBeGreaterThan(0);
      expect(new Set(bindings.map((b) => b.HostIp))).toEqual(new Set(['127.0.0.1']));
    }
  });

  it('passwords are random per start unless given', async () => {
    const given = secret();
    await using environment = await startServices(docker, { db1: postgres(), db2: postgres(), cache1: redis(), cache2: redis(), mine: redis({ password: given }) });
    const { db1, db2, cache1, cache2, mine } = environment.connections;
    for (const password of [db1.password, db2.password, cache1.password, cache2.password]) expect(password).toMatch(/^[\w-]{24}$/);
    expect(new Set([db1.password, db2.password, cache1.password, cache2.password]).size).toBe(4);
    expect(mine.password).toBe(given);
  });

  it('a Postgres start that fails after printing its password: no error or output shows it', async () => {
    const password = secret();
    const { result: error, output } = await capturingOutput(() => startRun({ db: postgres({ password, cache: false, initScripts: [leakyInitScript()] }) }, { docker: { handleSignals: false } }).then(
      () => undefined,
      (e: unknown) => e,
    ));
    expect(error).toBeInstanceOf(Error);
    const text = everything(error);
    // The failure is explained (with the container's last lines, masked), not just hidden.
    expect(text).toContain('connecting with password ***');
    expect(text).not.toContain(password);
    expect(output).not.toContain(password);
  });

  it('a Redis start that fails on its own password line: no error or output shows it', async () => {
    const password = secret();
    // redis-server refuses `requirepass <password> extra` and prints the line, password included.
    const { result: error, output } = await capturingOutput(() => redis({ password, args: ['--requirepass', password, 'extra'] }).start(docker).then(
      () => undefined,
      (e: unknown) => e,
    ));
    expect(error).toBeInstanceOf(Error);
    const text = everything(error);
    expect(text).toMatch(/requirepass/);
    expect(text).not.toContain(password);
    expect(output).not.toContain(password);
  });

  it('the diagnostics of a killed service (text and JSON) hold no password', async () => {
    const passwords = { db: secret(), cache: secret() };
    const environment = await startServices(docker, { db: postgres({ password: passwords.db }), cache: redis({ password: passwords.cache }) }, { diagnostics: true });
    try {
      await dockerCli(['kill', environment.services.cache.container?.id as string]);
      await expect.poll(async () => JSON.stringify(await environment.diagnostics()), { timeout: 30_000 }).toMatch(/"(die|kill)"/);
      const json = JSON.stringify(await environment.diagnostics());
      const text = await environment.diagnosticsText();
      expect(text).toContain('[cache]');
      for (const password of Object.values(passwords)) {
        expect(json).not.toContain(password);
        expect(text).not.toContain(password);
      }
    } finally {
      await environment.stop();
    }
  });

  it('on the Engine API transport no docker process gets a password in its arguments (the process list shows none)', async () => {
    const passwords = { db: secret(), cache: secret() };
    const recording = await recordingDocker({}, { transport: 'api' });
    try {
      expect(recording.docker.engine.transport).toBe('api');
      await using environment = await startServices(recording.docker, { db: postgres({ password: passwords.db }), cache: redis({ password: passwords.cache }) });
      expect(environment.connections.db.password).toBe(passwords.db);
      const commands = await recording.commands();
      expect(commands.length).toBeGreaterThan(0);
      for (const password of Object.values(passwords)) expect(commands.filter((line) => line.includes(password))).toEqual([]);
    } finally {
      await recording.docker.close();
    }
  });

  it('the command line: a failing `up` prints no password', async () => {
    const password = secret();
    const project = cliProject(`import { defineConfig, redis } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { cache: redis({ password: '${password}', args: ['--requirepass', '${password}', 'extra'] }) } });\n`);
    const result = await cli(project, ['up']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cache');
    expect(`${result.stdout}\n${result.stderr}`).not.toContain(password);
  });

  it('a cached Postgres image keeps no password: not the given one, not the one it was initialised with', async () => {
    const password = secret();
    const table = `security_${randomBytes(6).toString('hex')}`;
    // A new init script: a new cache key, so this start builds the cached image.
    const db = await postgres({ password, initScripts: [{ sql: `CREATE TABLE ${table} (id int);` }] }).start(docker);
    let image: string;
    try {
      image = (await inspectContainer(db.container?.id as string)).Image;
      expect(await db.sql(`SELECT count(*) FROM ${table};`)).toContain('0');
    } finally {
      await db.stop();
    }
    try {
      const inspected = await dockerCli(['image', 'inspect', image]);
      const history = await dockerCli(['image', 'history', '--no-trunc', '--format', '{{json .}}', image]);
      const tags = (JSON.parse(inspected) as { RepoTags: string[] }[])[0]?.RepoTags ?? [];
      expect(tags.some((tag) => tag.startsWith('docker-wrapper-cache/postgres:'))).toBe(true);
      expect(inspected).not.toContain(password);
      expect(history).not.toContain(password);
      const env = (JSON.parse(inspected) as { Config: { Env: string[] } }[])[0]?.Config.Env ?? [];
      expect(env.filter((entry) => entry.startsWith('POSTGRES_PASSWORD='))).toEqual(['POSTGRES_PASSWORD=']);
    } finally {
      await dockerCli(['image', 'rm', image]).catch(() => undefined);
    }
  });
});
