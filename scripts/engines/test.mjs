// `npm run test:engines`: starts the extra engines, runs the engine suites against each (through
// DOCKER_HOST, or DOCKER_CONTEXT for the ssh one), prints a table, and stops the engines.
// `node scripts/engines/test.mjs [engine...]`; DOCKER_WRAPPER_ENGINES_KEEP=1 leaves them running.
import { mkdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pick } from './engines.mjs';
import { startEngines, stopEngines } from './main.mjs';

// What runs on every engine: the core integration tests, the templates' integration tests and one
// run of the Vitest adapter's e2e suite (a representative subset of `npm test`).
export const SUITES = [
  {
    name: 'core',
    files: ['packages/core/test/integration'],
    // The transport's own tests count docker processes and connections as on the machine's
    // default context (no DOCKER_HOST): `npm test` runs them there.
    exclude: ['packages/core/test/integration/transport.test.ts'],
  },
  {
    name: 'templates',
    files: ['templates/test/integration/postgres.test.ts', 'templates/test/integration/redis.test.ts', 'templates/test/integration/kafka.test.ts', 'templates/test/integration/reuse.test.ts', 'templates/test/integration/service.test.ts', 'templates/test/integration/engines.test.ts'],
  },
  {
    name: 'vitest-e2e',
    files: ['e2e/vitest/vitest.test.ts'],
    filter: 'runs a suite over Postgres, Redis and Kafka',
  },
];

const log = (line) => console.error(`[engines] ${line}`);

function vitest(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', ...args], { stdio: 'inherit', env });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// Runs one suite on one engine; returns the counts from vitest's JSON report.
async function runSuite(engine, suite, out) {
  const report = join(out, `${engine.name}-${suite.name}.json`);
  const args = ['run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...suite.files];
  if (suite.filter) args.push('-t', suite.filter);
  for (const glob of suite.exclude ?? []) args.push('--exclude', glob);
  const t0 = Date.now();
  const code = await vitest(args, { ...engine.env, DOCKER_WRAPPER_ENGINE_UNDER_TEST: engine.name });
  const seconds = (Date.now() - t0) / 1000;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    // Tests left out by the suite's `-t` filter are not counted as skipped: only those it selects.
    const selected = json.testResults.flatMap((file) => file.assertionResults).filter((test) => !suite.filter || new RegExp(suite.filter).test(test.fullName));
    const count = (...statuses) => selected.filter((test) => statuses.includes(test.status)).length;
    return { code, seconds, run: count('passed', 'failed'), passed: count('passed'), failed: count('failed'), skipped: count('skipped', 'pending', 'todo') };
  } catch {
    return { code, seconds, run: 0, passed: 0, failed: 0, skipped: 0 };
  }
}

const engines = pick(process.argv.slice(2));
// Fixtures that run in child processes import the built packages.
const build = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
const [built] = await once(build, 'close');
if (built !== 0) throw new Error('tsc -b tsconfig.build.json failed');
const out = join(tmpdir(), `docker-wrapper-engines-${Date.now()}`);
mkdirSync(out, { recursive: true });
const rows = [];
let failed = false;
try {
  for (const engine of await startEngines(engines)) {
    for (const suite of SUITES) {
      const result = await runSuite(engine, suite, out);
      rows.push({ engine: engine.name, suite: suite.name, ...result, setup: (engine.readyMs / 1000).toFixed(1) });
      if (result.code !== 0) failed = true;
    }
  }
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  failed = true;
} finally {
  if (process.env.DOCKER_WRAPPER_ENGINES_KEEP !== '1') await stopEngines(engines);
}
console.log('\n| engine | suite | tests run | passed | failed | skipped | seconds |\n| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.engine} | ${r.suite} | ${r.run} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.seconds.toFixed(0)} |`);
console.log(`(reports in ${out})`);
process.exitCode = failed ? 1 : 0;
