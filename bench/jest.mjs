// Wall time of the Jest e2e suite (e2e/jest/project: users, accounts, cache and events over
// Postgres, Redis and Kafka, two workers, CommonJS and ESM files) with the preset against the very
// same test files on testcontainers-node 12 (bench/jest-testcontainers: a global setup starting
// the same images in parallel, per-worker isolation by hand). Each sample is one `jest` process,
// spawn to exit, split into phases; the two alternate, after one untimed warm-up each.
// `node scripts/with-images.mjs node bench/jest.mjs [rounds]` (after `npm run build`).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { median, report } from './support.mjs';

const rounds = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const jestBin = join(root, 'node_modules/jest/bin/jest.js');
const files = ['tests/users.spec.cjs', 'tests/cache.spec.cjs', 'tests/accounts.spec.mjs', 'tests/events.spec.mjs'];

// One jest process, timed from spawn to exit and split with its JSON report: until the first test
// file runs (Jest's start and the global setup), the test files, after the last one (global
// teardown and exit). A fresh cache folder each time: Jest would otherwise run in band once it has
// timings.
async function jest(args, cwd) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-jest-'));
  const started = Date.now();
  const result = await execa(process.execPath, ['--experimental-vm-modules', jestBin, `--cacheDirectory=${join(dir, 'cache')}`, '--json', `--outputFile=${join(dir, 'report.json')}`, ...args], {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', TESTCONTAINERS_RYUK_DISABLED: 'true' },
    all: true,
    reject: false,
  });
  const ended = Date.now();
  if (result.exitCode !== 0) throw new Error(`jest ${args.join(' ')} failed:\n${result.all}`);
  const files = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).testResults;
  const firstStart = Math.min(...files.map((file) => file.startTime));
  const lastEnd = Math.max(...files.map((file) => file.endTime));
  return { total: ended - started, setup: firstStart - started, tests: lastEnd - firstStart, teardown: ended - lastEnd };
}

const variants = {
  'docker-wrapper preset': () => jest(files, join(root, 'e2e/jest/project')),
  'testcontainers-node 12': () => jest(['--config', join(root, 'bench/jest-testcontainers/jest.config.cjs')], root),
};

const phases = ['total', 'setup', 'tests', 'teardown'];
const rows = Object.fromEntries(phases.map((phase) => [phase, Object.fromEntries(Object.keys(variants).map((name) => [name, []]))]));
for (const run of Object.values(variants)) await run();
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? Object.keys(variants) : Object.keys(variants).reverse();
  for (const name of order) {
    const sample = await variants[name]();
    for (const phase of phases) rows[phase][name].push(sample[phase]);
  }
  console.log(`round ${round + 1}/${rounds}: ${Object.keys(variants).map((name) => `${name} ${rows.total[name].at(-1)} ms`).join(', ')}`);
}
report(`Jest e2e suite, wall time of one jest process, spawn to exit (${rounds} rounds, interleaved)`, rows.total, 'testcontainers-node 12');
console.log('\nWhere the time goes (medians, ms): Jest start + global setup | test files | global teardown + exit');
for (const name of Object.keys(variants)) {
  console.log(`  ${name.padEnd(44)} ${phases.slice(1).map((phase) => median(rows[phase][name]).toFixed(0).padStart(6)).join(' | ')}`);
}
