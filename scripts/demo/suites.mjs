// The example suites the demo runs: the e2e consumer projects of the three adapters, each through
// its real runner CLI, with a JSON report read back for the counts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (path) => join(root, 'node_modules', path);

// name, project folder, node arguments (given the run's output folder), and how to count a report.
export const suites = [
  {
    name: 'Vitest',
    project: 'e2e/vitest/project',
    args: (out) => [bin('vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${join(out, 'report.json')}`],
    count: (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests }),
  },
  {
    name: 'Jest',
    project: 'e2e/jest/project',
    // ESM test files need Node's VM modules; the cache stays out of the repository.
    args: (out) => ['--experimental-vm-modules', bin('jest/bin/jest.js'), `--cacheDirectory=${join(out, 'cache')}`, '--json', `--outputFile=${join(out, 'report.json')}`],
    count: (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests }),
  },
  {
    name: 'Playwright',
    project: 'e2e/playwright/project',
    // The project's config writes report.json into E2E_OUT.
    args: () => [bin('@playwright/test/cli.js'), 'test'],
    count: (report) => ({ passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky }),
  },
];

// Runs one suite with `env` added; resolves with its counts, wall time and output (for failures).
export function runSuite(suite, out, env) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, suite.args(out), {
      cwd: join(root, suite.project),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', E2E_OUT: out, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (exitCode) => {
      const ms = performance.now() - started;
      let counts = { passed: 0, failed: 0 };
      try {
        counts = suite.count(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
      } catch {
        // No report: the run failed before its tests; the exit code and output say why.
      }
      resolve({ name: suite.name, exitCode, ms, output, ...counts });
    });
  });
}
