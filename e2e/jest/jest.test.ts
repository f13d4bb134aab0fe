// The Jest preset through the real `jest` CLI, in child processes, against the real engine: a
// suite over Postgres, Redis and Kafka with two workers, CommonJS, ESM and TypeScript test files
// and a jsdom one; a failing test's diagnostics; a watch session; kills; a service that cannot
// start; a bad option; a missing config file; the consumer's typing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { killMidRun, leftovers, outputDir, plain, readJsonLines, runCli, sessionId, until, watchReruns, type Child } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const jestBin = fileURLToPath(new URL('../../node_modules/jest/bin/jest.js', import.meta.url));

interface Record {
  file: string;
  worker: string;
  database: string;
  sessionId: string;
  containers: { db: string; cache: string; bus: string };
  esm?: boolean;
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    assertionResults: Array<{ title: string; status: string; failureMessages: string[]; failureDetails: Array<{ name?: string; diagnostics?: { [name: string]: { findings: string[] } } }> }>;
  }>;
}

// The jest CLI in the e2e project; `esm` adds --experimental-vm-modules (for the .mjs test files).
// A fresh cache folder each time: Jest would run a fast suite in band after timing it once.
function jest(args: string[], env: { [key: string]: string }, { esm = false } = {}): Child {
  const cache = join(outputDir('e2e-jest-cache'), 'cache');
  return runCli(project, [...(esm ? ['--experimental-vm-modules'] : []), jestBin, `--cacheDirectory=${cache}`, ...args], env);
}

describe('jest preset (real jest CLI)', () => {
  it('runs CommonJS, ESM, TypeScript and jsdom test files over Postgres, Redis and Kafka: one set of containers, one database per worker, nothing left', async () => {
    const out = outputDir('e2e-jest');
    const session = sessionId('e2e-jest');
    const result = await jest(['--json', `--outputFile=${join(out, 'report.json')}`], { E2E_OUT: out, E2E_SESSION: session }, { esm: true });
    // Jest ended on its own once the tests were done (no --forceExit, no open handle keeps it).
    expect(result.timedOut).toBe(false);
    expect(result.exitCode, plain(result.all)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    expect(report).toMatchObject({ numTotalTests: 8, numPassedTests: 8, numFailedTests: 0 });
    // A passing run prints nothing of ours.
    expect(plain(result.all)).not.toMatch(/docker-wrapper|Diagnostics/);

    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records.map((r) => r.file).sort()).toEqual(['accounts', 'cache', 'dom', 'events', 'users']);
    expect(records.find((r) => r.file === 'accounts')?.esm).toBe(true);
    expect(new Set(records.map((r) => r.sessionId))).toEqual(new Set([session]));
    expect(new Set(records.map((r) => JSON.stringify(r.containers))).size).toBe(1);
    const byWorker = new Map<string, Set<string>>();
    for (const r of records) byWorker.set(r.worker, (byWorker.get(r.worker) ?? new Set()).add(r.database));
    expect(byWorker.size).toBeGreaterThanOrEqual(2);
    for (const databases of byWorker.values()) expect(databases.size).toBe(1);
    expect(new Set(records.map((r) => r.database)).size).toBe(byWorker.size);

    expect(await leftovers(session)).toEqual([]);
  });

  it('ends on its own with --detectOpenHandles reporting nothing (tests in band, in Jest\'s own process)', async () => {
    const session = sessionId('e2e-jest-handles');
    const result = await jest(['--detectOpenHandles', 'tests/users.spec.cjs', 'tests/cache.spec.cjs'], { E2E_SESSION: session });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode, plain(result.all)).toBe(0);
    expect(plain(result.all)).toMatch(/Tests: +3 passed, 3 total/);
    expect(plain(result.all)).not.toMatch(/open handle|did not exit/i);
    expect(await leftovers(session)).toEqual([]);
  });

  it('prints the services\' diagnostics under a failed test and a failed hook (CommonJS, no vm modules), and puts them in the JSON report', async () => {
    const out = outputDir('e2e-jest-fail');
    const session = sessionId('e2e-jest-fail');
    const result = await jest(['failing', '--json', `--outputFile=${join(out, 'report.json')}`], { E2E_FAILING: '1', E2E_SESSION: session });
    const output = plain(result.all);
    expect(result.exitCode).toBe(1);
    expect(output).toMatch(/● fails when its cache dies under it\n\n {4}DockerWrapperDiagnostics: The services during this test \(docker-wrapper\):\n/);
    expect(output).toMatch(/\[cache\]\n {6}── Diagnostics of dw-redis-[0-9a-f]+/);
    expect(output).toMatch(/! exited with code 137 \(SIGKILL\)/);
    expect(output).toMatch(/\[db\]\n {6}── Diagnostics of dw-postgres-/);
    expect(output).not.toMatch(/● passes, and gets nothing extra/);
    expect(output).not.toMatch(/postgres:\/\/[^:\s]+:[^@*\s]{8,}@/);
    // A failing afterEach: its test gets them; a failing afterAll: the file gets them, printed once.
    expect(output).toMatch(/● an afterEach that fails › passes by itself\n\n {4}afterEach broke\n/);
    expect(output).toMatch(/● an afterEach that fails › passes by itself\n\n {4}DockerWrapperDiagnostics: The services during this test \(docker-wrapper\):\n/);
    expect(output).toMatch(/● Test suite failed to run\n\n {4}The services during this test file \(docker-wrapper\):\n {4}\[db\]\n/);
    expect(output.match(/Diagnostics of dw-redis-/g)).toHaveLength(3);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    const [failed, passed] = report.testResults.find((file) => file.name.endsWith('diagnostics.spec.cjs'))?.assertionResults ?? [];
    expect(failed?.status).toBe('failed');
    expect(failed?.failureMessages.join('\n')).toMatch(/exited with code 137/);
    const details = failed?.failureDetails.find((d) => d.name === 'DockerWrapperDiagnostics');
    expect(details?.diagnostics?.cache?.findings.join('\n')).toMatch(/exited with code 137/);
    expect(Object.keys(details?.diagnostics ?? {}).sort()).toEqual(['bus', 'cache', 'db']);
    expect(passed).toMatchObject({ status: 'passed', failureMessages: [] });
    expect(await leftovers(session)).toEqual([]);
  });

  it('keeps the services up across three watch re-runs (a TypeScript config), then cleans up', async () => {
    const session = sessionId('e2e-jest-watch');
    const watched = await watchReruns(jest(['--watchAll', 'tests/cache.spec.cjs'], { E2E_SESSION: session, E2E_CONFIG: './docker-wrapper.config.ts' }), session, { spec: join(project, 'tests/cache.spec.cjs'), runDone: /Ran all test suites/, reruns: 3 });
    expect(watched.runs, watched.output).toBe(4);
    expect(watched.containers[0]).toHaveLength(1);
    for (const after of watched.containers) expect(after).toEqual(watched.containers[0]);
    expect(watched.output.match(/PASS tests\/cache\.spec\.cjs/g)?.length, watched.output).toBe(4);
    expect(await until(async () => (await leftovers(session)).length === 0, 15_000)).toBe(true);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`leaves nothing behind when Jest gets ${signal} in the middle of a run`, async () => {
      const session = sessionId(`e2e-jest-${signal.toLowerCase()}`);
      const result = await killMidRun(jest(['slow'], { E2E_SLOW: '1', E2E_SESSION: session }), session, signal, { containers: 3 });
      expect(result.started, plain(result.output)).toBe(true);
      expect(result.left, `left after ${signal}`).toEqual([]);
      expect(result.processes, `processes left after ${signal}`).toEqual([]);
    });
  }

  it('fails the run before any test when a service cannot start, with its error, leaving nothing', async () => {
    const session = sessionId('e2e-jest-broken');
    const result = await jest([], { E2E_VARIANT: 'broken', E2E_SESSION: session });
    const output = plain(result.all);
    expect(result.exitCode).not.toBe(0);
    expect(output).toMatch(/Jest: Got error running globalSetup - \S+global-setup\.js, reason: 1 of 3 service\(s\) failed to start:\n- db \(postgres\): /);
    expect(output).toMatch(/FATAL: +invalid value for parameter "shared_buffers": "lots"/);
    expect(output).not.toMatch(/PASS|FAIL tests\//);
    expect(await leftovers(session)).toEqual([]);
  });

  it('refuses a misspelt option, naming it, before starting anything', async () => {
    const session = sessionId('e2e-jest-bad');
    const result = await jest([], { E2E_VARIANT: 'bad-option', E2E_SESSION: session });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/Invalid `testEnvironmentOptions\.dockerWrapper\.confg`: "\.\/docker-wrapper\.config\.mjs"\. The Jest preset has no such option\. Did you mean `config`\?/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('names the config file it could not find, and what to create', async () => {
    const result = await jest([], { E2E_VARIANT: 'missing-config' });
    expect(result.exitCode).not.toBe(0);
    const missing = join(project, 'missing', 'docker-wrapper.config.mjs');
    expect(plain(result.all)).toContain(`No docker-wrapper config at ${missing} (from \`testEnvironmentOptions.dockerWrapper.config\`: "./missing/docker-wrapper.config.mjs", relative to ${project}). Create it, for example:`);
  });

  it('type-checks the consumer project: services() is typed from the JavaScript config file', async () => {
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const result = await execa(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { reject: false, all: true });
    expect(plain(result.all)).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
