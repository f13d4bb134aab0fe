// The Playwright adapter through the real `playwright test` CLI, in child processes, with Debian's
// Chromium and the real engine: a web app over Postgres and Redis driven through a page and the
// `request` fixture with two workers, in both modes; a failing test's attachment in the JSON and
// HTML reports; kills; a service that cannot start; a clashing name.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { killMidRun, leftovers, outputDir, plain, readJsonLines, runCli, sessionId, type Child } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const playwrightCli = fileURLToPath(new URL('../../node_modules/@playwright/test/cli.js', import.meta.url));
const screenshotScript = fileURLToPath(new URL('./report-screenshot.ts', import.meta.url));

interface Record {
  title: string;
  parallelIndex: number;
  workerIndex: number;
  mode: string;
  sessionId: string;
  containers: { db: string; cache: string };
  database: string;
}

interface Attachment {
  name: string;
  contentType: string;
  body?: string;
}

interface JsonReport {
  stats: { expected: number; unexpected: number; skipped: number };
  suites: JsonSuite[];
}

interface JsonSuite {
  suites?: JsonSuite[];
  specs: Array<{ title: string; tests: Array<{ results: Array<{ status: string; attachments: Attachment[] }> }> }>;
}

// Every test result of the report, by its title.
function results(report: JsonReport): Array<{ title: string; status: string; attachments: Attachment[] }> {
  const walk = (suite: JsonSuite): Array<{ title: string; status: string; attachments: Attachment[] }> => [
    ...suite.specs.flatMap((spec) => spec.tests.flatMap((test) => test.results.map((result) => ({ title: spec.title, status: result.status, attachments: result.attachments })))),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}

const attachmentText = (attachment: Attachment | undefined) => Buffer.from(attachment?.body ?? '', 'base64').toString('utf8');

function playwright(args: string[], env: { [key: string]: string }): Child {
  return runCli(project, [playwrightCli, 'test', ...args], env, 240_000);
}

describe('playwright fixtures (real playwright CLI, real Chromium)', () => {
  it('shared mode: one set of containers, a database of its own per worker, through a page and the request fixture', async () => {
    const out = outputDir('e2e-playwright');
    const session = sessionId('e2e-playwright');
    const result = await playwright([], { E2E_OUT: out, E2E_SESSION: session });
    expect(result.exitCode, plain(result.all)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    expect(report.stats).toMatchObject({ expected: 4, unexpected: 0, skipped: 0 });
    // Passing tests get no attachment of ours, and the output says nothing of us.
    expect(results(report).flatMap((r) => r.attachments.map((a) => a.name))).toEqual([]);
    expect(plain(result.all)).not.toMatch(/docker-wrapper/);

    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records.map((r) => r.title).sort()).toEqual(['creates a user, then serves it from the cache', 'signs up through the page, into the worker\'s own database']);
    expect(new Set(records.map((r) => r.mode))).toEqual(new Set(['shared']));
    expect(new Set(records.map((r) => r.sessionId))).toEqual(new Set([session]));
    expect(new Set(records.map((r) => JSON.stringify(r.containers))).size).toBe(1);
    // Two workers side by side, each on a database of its own.
    expect(new Set(records.map((r) => r.parallelIndex))).toEqual(new Set([0, 1]));
    expect(new Set(records.map((r) => r.database)).size).toBe(2);
    expect(await leftovers(session)).toEqual([]);
  });

  it('per-worker mode: a set of containers per worker slot', async () => {
    const out = outputDir('e2e-playwright-per-worker');
    const session = sessionId('e2e-playwright-per-worker');
    const result = await playwright([], { E2E_OUT: out, E2E_SESSION: session, E2E_MODE: 'per-worker' });
    expect(result.exitCode, plain(result.all)).toBe(0);
    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.mode))).toEqual(new Set(['per-worker']));
    expect(new Set(records.map((r) => r.parallelIndex))).toEqual(new Set([0, 1]));
    const [first, second] = records as [Record, Record];
    expect(first.containers.db).not.toBe(second.containers.db);
    expect(first.containers.cache).not.toBe(second.containers.cache);
    // Each slot is a session of its own, named after the one given.
    expect(new Set(records.map((r) => r.sessionId))).toEqual(new Set([`${session}-w0`, `${session}-w1`]));
    for (const id of [session, `${session}-w0`, `${session}-w1`]) expect(await leftovers(id)).toEqual([]);
  });

  it('attaches the services\' diagnostics to a failed test (JSON and HTML reports), and the restarted worker gets the same database', async () => {
    const out = outputDir('e2e-playwright-fail');
    const session = sessionId('e2e-playwright-fail');
    const result = await playwright(['--workers=1'], { E2E_OUT: out, E2E_SESSION: session, E2E_FAILING: '1' });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    const [failed, next] = results(report);
    expect(failed?.status).toBe('failed');
    const text = attachmentText(failed?.attachments.find((a) => a.name === 'docker-wrapper diagnostics'));
    expect(text).toMatch(/^The services during this test \(docker-wrapper\):\n\[db\]\n── Diagnostics of dw-postgres-/);
    expect(text).toMatch(/\[cache\]\n── Diagnostics of dw-redis-[0-9a-f]+/);
    expect(text).toMatch(/! exited with code 137 \(SIGKILL\)/);
    const reports = JSON.parse(attachmentText(failed?.attachments.find((a) => a.name === 'docker-wrapper diagnostics.json'))) as { [name: string]: { findings: string[] } };
    expect(Object.keys(reports).sort()).toEqual(['cache', 'db']);
    expect(reports.cache?.findings.join('\n')).toMatch(/exited with code 137/);
    expect(next?.status).toBe('passed');
    expect(next?.attachments.filter((a) => a.name.startsWith('docker-wrapper'))).toEqual([]);
    expect(plain(result.all)).not.toMatch(/postgres:\/\/[^:\s]+:[^@*\s]{8,}@/);

    // Playwright starts a new worker after the failure, in the same slot: same database.
    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records.map((r) => [r.parallelIndex, r.workerIndex])).toEqual([[0, 0], [0, 1]]);
    expect(records[1]?.database).toBe(records[0]?.database);
    expect(await leftovers(session)).toEqual([]);

    // The HTML report of the run, opened in the same Chromium: the attachment is on the page.
    const png = join(out, 'html-report.png');
    const shot = await execa(process.execPath, [screenshotScript, join(out, 'html-report'), 'fails when its cache dies under it', png], { all: true, reject: false, timeout: 120_000 });
    expect(shot.exitCode, shot.all).toBe(0);
    const page = JSON.parse(shot.stdout) as { text: string };
    expect(page.text).toMatch(/Attachments\ndocker-wrapper diagnostics\nThe services during this test \(docker-wrapper\):\n\[db\]/);
    expect(page.text).toMatch(/! exited with code 137 \(SIGKILL\)/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('per-worker mode: the worker restarted after a failure gets its slot\'s containers again', async () => {
    const out = outputDir('e2e-playwright-per-worker-fail');
    const session = sessionId('e2e-playwright-per-worker-fail');
    const result = await playwright(['--workers=1'], { E2E_OUT: out, E2E_SESSION: session, E2E_FAILING: '1', E2E_MODE: 'per-worker' });
    expect(result.exitCode).toBe(1);
    const records = readJsonLines<Record>(join(out, 'records.jsonl'));
    expect(records.map((r) => [r.parallelIndex, r.workerIndex])).toEqual([[0, 0], [0, 1]]);
    expect(records[1]?.containers).toEqual(records[0]?.containers);
    expect(records.map((r) => r.sessionId)).toEqual([`${session}-w0`, `${session}-w0`]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as JsonReport;
    const text = attachmentText(results(report)[0]?.attachments.find((a) => a.name === 'docker-wrapper diagnostics'));
    expect(text).toContain(`(${records[0]?.containers.cache.slice(0, 12)}, `);
    for (const id of [session, `${session}-w0`]) expect(await leftovers(id)).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`leaves nothing behind when Playwright gets ${signal} in the middle of a run`, async () => {
      const session = sessionId(`e2e-playwright-${signal.toLowerCase()}`);
      const result = await killMidRun(playwright([], { E2E_SLOW: '1', E2E_SESSION: session }), session, signal, { containers: 2, ready: /Running 1 test/ });
      expect(result.started, plain(result.output)).toBe(true);
      expect(result.left, `left after ${signal}`).toEqual([]);
      expect(result.processes, `processes left after ${signal}`).toEqual([]);
    });
  }

  it('fails the run before any test when a service cannot start, with its error, leaving nothing', async () => {
    const session = sessionId('e2e-playwright-broken');
    const result = await playwright([], { E2E_VARIANT: 'broken', E2E_SESSION: session });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/1 of 2 service\(s\) failed to start:\n- db \(postgres\): /);
    expect(plain(result.all)).toMatch(/shared_buffers/);
    expect(plain(result.all)).not.toMatch(/✓|passed/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('refuses a service named like a Playwright fixture, saying what to do, before starting anything', async () => {
    const session = sessionId('e2e-playwright-clash');
    const result = await playwright([], { E2E_VARIANT: 'clash', E2E_SESSION: session });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/Invalid `servicesSetup\(\) services\.page`: "page"\. `page` is one of Playwright's own fixtures: a service by that name would replace it in every test\. Rename the service/);
    expect(await leftovers(session)).toEqual([]);
  });

  it('fails each test with what to add when the config names no global setup', async () => {
    const result = await playwright(['tests/api.spec.ts'], { E2E_VARIANT: 'no-setup' });
    expect(result.exitCode).toBe(1);
    expect(plain(result.all)).toMatch(/No docker-wrapper run in this Playwright worker\. Export `servicesSetup\(services\)` from @docker-wrapper\/playwright as the default of a module \(the one that holds the services map\) and name that module in `globalSetup` in playwright\.config\.ts\./);
    expect(plain(result.all)).toMatch(/2 failed/);
  });

  it('type-checks the consumer project: fixtures typed from the services map, clashing names refused', async () => {
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const result = await execa(process.execPath, [tsc, '-p', join(project, 'tsconfig.json')], { reject: false, all: true });
    expect(plain(result.all)).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
