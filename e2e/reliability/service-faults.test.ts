// Fault matrix: a service container OOM-killed or paused under a running test, through the real
// Vitest CLI and the plugin (e2e/reliability/project). The test fails with diagnostics naming the
// service and the cause, and the run still ends and removes everything. A service killed under a
// test is e2e/vitest's "prints the services' diagnostics with a failed test".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leftovers, outputDir, plain, runCli, sessionId } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const vitestBin = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

interface Assertion {
  title: string;
  status: string;
  failureMessages: string[];
  meta: { dockerWrapper?: { diagnostics: { [name: string]: { findings: string[] } } } };
}

describe('a service broken under a running test (real vitest CLI)', () => {
  it('OOM-killed and paused: each test fails with the service and the cause, the run ends and cleans up', async () => {
    const out = outputDir('flt-vitest');
    const session = sessionId('flt-vitest');
    const result = await runCli(project, [vitestBin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'report.json')}`], { E2E_SESSION: session });
    const output = plain(result.all);
    expect(result.timedOut, output).toBe(false);
    expect(result.exitCode, output).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { testResults: Array<{ assertionResults: Assertion[] }> };
    const tests = new Map(report.testResults.flatMap((file) => file.assertionResults).map((test) => [test.title, test]));

    const oom = tests.get('fails when its Redis is OOM-killed under it');
    expect(oom?.status).toBe('failed');
    // Read as the test fails: the engine may not have marked the container exited yet, but the
    // oom events are there either way.
    expect(oom?.meta.dockerWrapper?.diagnostics.capped?.findings[0]).toMatch(/^(OOM-killed: the kernel killed it for exceeding its memory limit \(32 MiB\)|out of memory \d+ time\(s\) \(a process inside was OOM-killed at the 32 MiB limit\))$/);
    expect(oom?.failureMessages.join('\n')).toMatch(/\[capped\]\n── Diagnostics of dw-redis-[0-9a-f]+ [^\n]*\nRange: [^\n]*\nFindings:\n {2}! (OOM-killed|out of memory)/);

    const paused = tests.get('fails when its Redis is paused under it');
    expect(paused?.status).toBe('failed');
    expect(paused?.failureMessages.join('\n')).toMatch(/Test timed out in 10000ms/);
    expect(paused?.meta.dockerWrapper?.diagnostics.cache?.findings).toEqual([expect.stringMatching(/^paused since \S+: its processes are frozen \(docker pause\) and answer nothing until unpaused$/)]);
    expect(output).toMatch(/\[cache\]\n── Diagnostics of dw-redis-[0-9a-f]+ [^\n]*\nRange: [^\n]*\nFindings:\n {2}! paused since/);

    // The paused and the OOM-killed containers went with the rest.
    expect(await leftovers(session)).toEqual([]);
  });
});
