// The `docker-wrapper` command as a user runs it: a subprocess of the built bin against the real
// engine, in a temporary project with its own state folder. Needs `npm run build` first.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliProject, sessionResources, spawnCli, REDIS_CONFIG } from '../support/cli.js';

const exec = promisify(execFile);

interface UpJson {
  sessionId: string;
  detached: boolean;
  services: Record<string, { kind: string; containerId: string; connection: { url: string } }>;
  env: Record<string, string>;
}

describe('docker-wrapper up --detach, ps, down', () => {
  it('starts the services, lists them, and down leaves nothing of the session', async () => {
    const project = cliProject("import { defineConfig, postgres, redis } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { db: postgres(), cache: redis() } });\n");
    const up = await cli(project, ['up', '--detach', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const started = JSON.parse(up.stdout) as UpJson;
    expect(started.detached).toBe(true);
    expect(Object.keys(started.services)).toEqual(['db', 'cache']);
    // The export values are what bring-your-own reads, and they reach the services.
    const client = new pg.Client({ connectionString: started.env.DOCKER_WRAPPER_POSTGRES_URL });
    await client.connect();
    expect((await client.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    await client.end();
    const redis = new Redis(started.env.DOCKER_WRAPPER_REDIS_URL as string);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();

    expect(readdirSync(join(project.dir, '.state', 'projects'))).toHaveLength(1);
    const ps = await cli(project, ['ps', '--json']);
    expect(ps.code, ps.stderr).toBe(0);
    const listed = JSON.parse(ps.stdout) as { services: { name: string; containerId: string; status: string; sessionId: string }[] };
    expect(listed.services.map((s) => [s.name, s.containerId, s.sessionId])).toEqual([
      ['db', started.services.db?.containerId, started.sessionId],
      ['cache', started.services.cache?.containerId, started.sessionId],
    ]);
    expect(listed.services.every((s) => s.status.startsWith('Up'))).toBe(true);
    const table = await cli(project, ['ps']);
    expect(table.stdout).toMatch(/^SERVICE\s+KIND\s+IMAGE\s+CONTAINER\s+STATUS\s+SESSION$/m);

    const down = await cli(project, ['down', '--json']);
    expect(down.code, down.stderr).toBe(0);
    expect((JSON.parse(down.stdout) as { sessions: { sessionId: string; containers: number }[] }).sessions).toEqual([
      expect.objectContaining({ sessionId: started.sessionId, containers: 2 }),
    ]);
    expect(await sessionResources(started.sessionId)).toEqual([]);
    // The state file recorded the session while it ran, and is gone with it.
    expect(readdirSync(join(project.dir, '.state', 'projects'))).toEqual([]);
    const after = JSON.parse((await cli(project, ['ps', '--json'])).stdout) as { services: unknown[] };
    expect(after.services).toEqual([]);
  });
});

describe('docker-wrapper up --detach (a service fails)', () => {
  it('exits 1 naming the failed service, and leaves nothing of the session', async () => {
    const project = cliProject("import { defineConfig, redis } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { cache: redis(), broken: redis({ image: 'dw-cli-test-missing/redis:1', pull: 'never' }) } });\n");
    const result = await cli(project, ['up', '--detach']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 of 2 service(s) failed to start');
    expect(result.stderr).toContain('- broken (redis)');
    expect(result.stderr).not.toContain('keeping');
    const { stdout } = await exec('docker', ['ps', '-aq', '--filter', `label=docker-wrapper.detached=${project.dir}`]);
    expect(stdout.trim()).toBe('');
    expect(existsSync(join(project.dir, '.state', 'projects'))).toBe(false);
  });
});

describe('docker-wrapper up (attached)', () => {
  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const project = cliProject(REDIS_CONFIG);
    const child = spawnCli(project, ['up', '--json']);
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const started = await new Promise<UpJson>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        try {
          resolve(JSON.parse(stdout) as UpJson);
        } catch {
          // not the whole document yet
        }
      });
      child.on('exit', (code) => reject(new Error(`up exited with ${code} before printing its JSON: ${stderr}`)));
    });
    expect(await sessionResources(started.sessionId)).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await sessionResources(started.sessionId)).toEqual([]);
    expect(stderr).toContain('nothing left running');
  });
});

describe('docker-wrapper doctor', () => {
  it('says the engine is unreachable when there is none, within 5 s, exit code 3', async () => {
    const project = cliProject(REDIS_CONFIG);
    const result = await cli(project, ['doctor'], { DOCKER_HOST: 'unix:///nonexistent.sock', DOCKER_CONTEXT: '' });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/problem engine: .*nonexistent\.sock/);
    expect(result.stdout).toContain('fix: Start the docker engine');
    // The product promise is 5 s; the engine check itself has 4 s and fails at once on a missing socket.
    expect(result.ms).toBeLessThan(5000);
  });

  it('checks a working setup as JSON: the config, the engine, the images it needs', async () => {
    const project = cliProject(REDIS_CONFIG);
    const result = await cli(project, ['doctor', '--json']);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    const names = report.checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['cli', 'config', 'engine', 'context', 'image substitution', 'image of cache', 'bridge', 'disk', 'leftovers']));
    expect(report.checks.find((c) => c.name === 'image of cache')).toMatchObject({ ok: true });
    // The machine's default bridge, read from /sys (.ci/run gives a hand-made docker0 a MAC).
    expect(report.checks.find((c) => c.name === 'bridge')).toMatchObject({ ok: true, detail: 'docker0 has a MAC address of its own' });
    expect(result.code).toBe(report.ok ? 0 : 1);
  });
});

describe('docker-wrapper prune', () => {
  const planted: string[] = [];
  afterAll(async () => {
    if (planted.length > 0) await exec('docker', ['rm', '-f', ...planted]).catch(() => undefined);
  });

  // A container labelled like a session of this host whose process is `pid`.
  async function plant(sessionId: string, pid: number): Promise<string> {
    const labels = { 'docker-wrapper.session': sessionId, 'docker-wrapper.pid': String(pid), 'docker-wrapper.host': hostname(), 'docker-wrapper.created': new Date().toISOString() };
    const image = (await exec(process.execPath, ['scripts/with-images.mjs', 'node', '-e', 'console.log(process.env.DOCKER_WRAPPER_IMAGE_MAP)'], { cwd: new URL('../../../', import.meta.url) })).stdout.match(/debian=([^,\s]+)/)?.[1] ?? 'debian:12';
    const { stdout } = await exec('docker', ['run', '-d', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), image, 'sleep', '600']);
    const id = stdout.trim();
    planted.push(id);
    return id;
  }

  it('removes a planted leaked container (its process is dead) and not a live session\'s', async () => {
    const project = cliProject(REDIS_CONFIG);
    const tag = randomBytes(4).toString('hex');
    const gone = await new Promise<number>((resolve) => {
      const child = execFile(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid as number));
    });
    const leaked = await plant(`test-leak-${tag}`, gone);
    const alive = await plant(`test-live-${tag}`, process.pid);

    const dry = await cli(project, ['prune', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const listed = JSON.parse(dry.stdout) as { dryRun: boolean; leaked: { sessionId: string; resources: { id: string }[] }[] };
    expect(listed.dryRun).toBe(true);
    const sessions = listed.leaked.map((l) => l.sessionId);
    expect(sessions).toContain(`test-leak-${tag}`);
    expect(sessions).not.toContain(`test-live-${tag}`);
    expect(await sessionResources(`test-leak-${tag}`)).toHaveLength(1);

    // Only the planted session: other agents' leftovers on this engine are theirs to clean.
    const pruned = await cli(project, ['prune', '--session', `test-leak-${tag}`]);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain(`Removed leaked container`);
    expect(pruned.stdout).toContain(`(session test-leak-${tag})`);
    expect(await sessionResources(`test-leak-${tag}`)).toEqual([]);
    const { stdout } = await exec('docker', ['ps', '-q', '--no-trunc', '--filter', `id=${alive}`]);
    expect(stdout.trim()).toBe(alive);
    expect(leaked).not.toBe(alive);
  });
});

describe('docker-wrapper usage errors', () => {
  it('names the missing config file and exits 2 before any docker process', async () => {
    const project = cliProject(REDIS_CONFIG);
    const result = await cli(project, ['up', '--config', 'nope.mjs'], { DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(project.dir, 'nope.mjs'));
    expect(result.stderr).toContain('--config');
  });

  it('names an unknown service with a suggestion and exits 2', async () => {
    const project = cliProject(REDIS_CONFIG);
    const result = await cli(project, ['up', 'cahce'], { DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No service "cahce"');
    expect(result.stderr).toContain('Did you mean `cache`?');
  });

  it('rejects a bad --older-than naming the option, exit 2', async () => {
    const project = cliProject(REDIS_CONFIG);
    const result = await cli(project, ['prune', '--older-than', '1x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--older-than');
    expect(result.stderr).toContain('"1x"');
  });
});

describe('docker-wrapper logs, stats, events', () => {
  it('read a detached service by its name', async () => {
    const project = cliProject(REDIS_CONFIG);
    const up = await cli(project, ['up', '--detach', '--json']);
    expect(up.code, up.stderr).toBe(0);
    const { sessionId } = JSON.parse(up.stdout) as UpJson;
    try {
      const logs = await cli(project, ['logs', 'cache', '--tail', '20']);
      expect(logs.code, logs.stderr).toBe(0);
      expect(logs.stdout).toContain('Ready to accept connections');

      const stats = await cli(project, ['stats', '--once', '--json']);
      expect(stats.code, stats.stderr).toBe(0);
      const samples = JSON.parse(stats.stdout) as { service: string; running: boolean; memoryBytes: number }[];
      expect(samples).toEqual([expect.objectContaining({ service: 'cache', running: true })]);
      expect(samples[0]?.memoryBytes).toBeGreaterThan(0);

      // A past --until replays the session's events and ends.
      const events = await cli(project, ['events', '--session', sessionId, '--since', '10m', '--until', new Date().toISOString(), '--json']);
      expect(events.code, events.stderr).toBe(0);
      const actions = events.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { type: string; action: string }).action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'start']));

      const unknown = await cli(project, ['logs', 'cahce']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Did you mean `cache`?');
    } finally {
      await cli(project, ['down']);
    }
    expect(await sessionResources(sessionId)).toEqual([]);
  });
});
