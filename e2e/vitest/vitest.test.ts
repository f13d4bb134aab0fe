// The Vitest plugin through the real `vitest` CLI, in child processes, against the real engine:
// a suite over Postgres, Redis and Kafka with two workers; a failing test's diagnostics; a watch
// session; kills; a service that cannot start; bad options; two projects sharing one run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { killMidRun, leftovers, outputDir, plain, readJsonLines, runCli, sessionId, until, watchReruns, type Child } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const vitestBin = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

interface Record {
  file: string;
  pool: string;
  database: string;
  sessionId: string;
  containers: { db: string; cache: string; bus: string };
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[]; meta: { dockerWrapper?: { diagnostics: { [name: string]: { findings: string[] } } } } }> }>;
}

function vitest(args: string[], env: { [key: string]: string }): Child {
  return runCli(project, [vitestBin, ...args], env);
}

describe('vitest plugin (real vitest CLI)', () => {
  it('runs a suite over Postgres, Redis and Kafka: one set of containers, one database per worker, nothing left', async () => {
    const out = outputDir('e2e-vitest');
    const session = sessionId('e2e-vitest');
    const started = Date.now();
    const result = await vitest(['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'report.json')}`], { E2E_OUT: out, E2E_SESSION: session });
    const exitedAfterMs = Date.now() - started;
    expect(result.exitCode, plain(result.all)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    expect(report).toMatchObject({ numTotalTests: 6, numPassedTests: 6, numFailedTests: 0 });
    // A passing run prints nothing of ours.
    expect(plain(result.all)).not.toMatch(/docker-wrapper|Diagnostics/);

    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records.map((r) => r.file).sort()).toEqual(['accounts', 'cache', 'events', 'users']);
    expect(new Set(records.map((r) => r.sessionId))).toEqual(new Set([session]));
    expect(new Set(records.map((r) => JSON.stringify(r.containers))).size).toBe(1);
    const byPool = new Map<string, Set<string>>();
    for (const r of records) byPool.set(r.pool, (byPool.get(r.pool) ?? new Set()).add(r.database));
    expect(byPool.size).toBeGreaterThanOrEqual(2);
    for (const databases of byPool.values()) expect(databases.size).toBe(1);
    expect(new Set(records.map((r) => r.database)).size).toBe(byPool.size);

    expect(await leftovers(session)).toEqual([]);
    // The process ended on its own once the tests were done (no open handle keeps it).
    expect(exitedAfterMs).toBeLessThan(120_000);
  });

  it('prints the services\' diagnostics with a failed test, and puts them in the JSON report', async () => {
    const out = outputDir('e2e-vitest-fail');
    const session = sessionId('e2e-vitest-fail');
    const result = await vitest(['run', 'failing', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'report.json')}`], { E2E_FAILING: '1', E2E_SESSION: session });
    expect(result.exitCode).toBe(1);
    expect(plain(result.all)).toMatch(/DockerWrapperDiagnostics: The services during this test \(docker-wrapper\):/);
    expect(plain(result.all)).toMatch(/\[cache\]\n── Diagnostics of dw-redis-[0-9a-f]+/);
    expect(plain(result.all)).toMatch(/! exited with code 137 \(SIGKILL\)/);
    expect(plain(result.all)).toMatch(/\[db\]\n── Diagnostics of dw-postgres-/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    const test = report.testResults[0]?.assertionResults[0];
    expect(test?.status).toBe('failed');
    expect(test?.failureMessages.join('\n')).toMatch(/exited with code 137/);
    expect(test?.meta.dockerWrapper?.diagnostics.cache?.findings.join('\n')).toMatch(/exited with code 137/);
    expect(Object.keys(test?.meta.dockerWrapper?.diagnostics ?? {}).sort()).toEqual(['bus', 'cache', 'db']);
    expect(plain(result.all)).not.toMatch(/postgres:\/\/[^:\s]+:[^@*\s]{8,}@/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('keeps the services up across three watch re-runs, then cleans up', async () => {
    const session = sessionId('e2e-vitest-watch');
    const watched = await watchReruns(vitest(['--watch', 'tests/cache.spec.ts'], { E2E_SESSION: session }), session, { spec: join(project, 'tests/cache.spec.ts'), runDone: /Waiting for file changes/, reruns: 3 });
    expect(watched.runs, watched.output).toBe(4);
    expect(watched.containers[0]).toHaveLength(3);
    for (const after of watched.containers) expect(after).toEqual(watched.containers[0]);
    expect(watched.output.match(/✓ tests\/cache\.spec\.ts/g)?.length, watched.output).toBe(4);
    expect(await until(async () => (await leftovers(session)).length === 0, 15_000)).toBe(true);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`leaves nothing behind when Vitest gets ${signal} in the middle of a run`, async () => {
      const session = sessionId(`e2e-vitest-${signal.toLowerCase()}`);
      const result = await killMidRun(vitest(['run', 'slow'], { E2E_SLOW: '1', E2E_SESSION: session }), session, signal, { containers: 3 });
      expect(result.started, plain(result.output)).toBe(true);
      expect(result.left, `left after ${signal}`).toEqual([]);
      expect(result.processes, `processes left after ${signal}`).toEqual([]);
    });
  }

  it('fails the run before any test when a service cannot start, with its error, leaving nothing', async () => {
    const session = sessionId('e2e-vitest-broken');
    const result = await vitest(['run'], { E2E_VARIANT: 'broken', E2E_SESSION: session });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/1 of 3 service\(s\) failed to start:\n- db \(postgres\): /);
    expect(plain(result.all)).toMatch(/shared_buffers/);
    expect(plain(result.all)).not.toMatch(/✓ tests\//);
    expect(await leftovers(session)).toEqual([]);
  });

  it('refuses a misspelt option at config load, naming it, before starting anything', async () => {
    const session = sessionId('e2e-vitest-bad');
    const result = await vitest(['run'], { E2E_VARIANT: 'bad-option', E2E_SESSION: session });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/Invalid `dockerServices\.diagnostic`: true\. dockerServices\(\) has no such option\. Did you mean `diagnostics`\?/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('shares one run between two projects that each list the plugin', async () => {
    const out = outputDir('e2e-vitest-projects');
    const session = sessionId('e2e-vitest-projects');
    const result = await vitest(['run', '--config', 'vitest.projects.config.ts'], { E2E_OUT: out, E2E_SESSION: session });
    expect(result.exitCode, plain(result.all)).toBe(0);
    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => JSON.stringify(r.containers))).size).toBe(1);
    expect(await leftovers(session)).toEqual([]);
  });

  it('runs a user\'s own image as a service beside the templates', async () => {
    const session = sessionId('e2e-vitest-custom');
    const result = await vitest(['run'], { E2E_VARIANT: 'custom', E2E_SESSION: session });
    expect(result.exitCode, plain(result.all)).toBe(0);
    expect(plain(result.all)).toMatch(/✓ custom\/api\.spec\.ts/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('runs a team\'s compose file as a service, and removes its project', async () => {
    const session = sessionId('e2e-vitest-compose');
    const result = await vitest(['run'], { E2E_VARIANT: 'compose', E2E_SESSION: session });
    expect(result.exitCode, plain(result.all)).toBe(0);
    expect(plain(result.all)).toMatch(/✓ compose\/stack\.spec\.ts/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('leaves nothing of a compose stack when Vitest gets SIGKILL in the middle of a run', async () => {
    const session = sessionId('e2e-vitest-compose-sigkill');
    const result = await killMidRun(vitest(['run', 'slow'], { E2E_VARIANT: 'compose', E2E_SLOW: '1', E2E_SESSION: session }), session, 'SIGKILL', { containers: 3 });
    expect(result.started, plain(result.output)).toBe(true);
    expect(result.left, 'left after SIGKILL').toEqual([]);
  });

  it('type-checks a consumer project: services() is typed from the services map', async () => {
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const result = await execa(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { reject: false, all: true });
    expect(plain(result.all)).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
