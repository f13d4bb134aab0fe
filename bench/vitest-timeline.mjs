// Where the time of bench/vitest.mjs's runs goes. Each `vitest run` uses bench/vitest-timing's
// config (the variant's own plus timeline events; the plugin also with `diagnostics: false`, and
// with the workspace packages loaded by Node as from an npm install), split into phases:
//   vitest start   spawn -> global setup begins (node, Vitest, config and plugin loading)
//   global setup   -> first test file begins (the services' start, then the first workers)
//   tests          -> last test file ends (isolation included: files await it at the top), and
//                  per file, summed over the four: loading the services' runtime, collecting the
//                  file (its imports and its awaited isolation) and running its tests
//   teardown       -> the variant's teardown ends (stopping the services)
//   exit           -> the process has exited
// Next to them, in this process: startRun() of the plugin's services (as its global setup calls it)
// and its stop(), the testcontainers start and stop, Kafka's raw ready limit alone and the three
// raw limits at once (plain docker run, tightest checks; Postgres from the plugin's initialised
// image). Interleaved, the order rotated each round. `npm run build && node scripts/with-images.mjs
// node bench/vitest-timeline.mjs [rounds]`.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { kafka, postgres, redis, startRun } from '../templates/dist/index.js';
import { rawKafkaReady, rawPostgresReady, rawRedisReady } from './raw.mjs';
import { median, resolveImage, sleep, time } from './support.mjs';
import { startTestcontainers } from './vitest-tc/containers.mjs';
import { TIMING_CONFIG, leftBehind, sweep, vitestRun } from './vitest-runs.mjs';

const rounds = Number(process.argv[2] ?? 3);
const runId = `vitest-timeline-${randomUUID().slice(0, 8)}`;
process.env.BENCH_RUN_ID = runId;
const schema = fileURLToPath(new URL('../e2e/app/schema.sql', import.meta.url));
// The map of e2e/vitest/project/services.ts.
const services = () => ({ db: postgres({ initScripts: [schema] }), cache: redis(), bus: kafka({ topics: ['user-events'] }) });
// When each service of an in-process startRun() was ready, ms after the call.
const ready = { db: [], cache: [], bus: [] };
function timedServices(since) {
  return Object.fromEntries(Object.entries(services()).map(([name, template]) => [name, {
    kind: template.kind,
    options: template.options,
    start: async (...args) => {
      const service = await template.start(...args);
      ready[name].push(performance.now() - since);
      return service;
    },
  }]));
}
const PHASES = ['vitest start', 'global setup', 'tests', 'teardown', 'exit', 'total'];
const FILE_PHASES = ['runtime load', 'collect', 'run'];
const pluginSessions = [];

// The phases of one run from its events (epoch ms), then the per-file ones summed over the files
// (a file runs in a worker process of its own: its events share a pid).
function phases({ output, spawnedAt, exitedAt }) {
  const events = output.split('\n').filter((line) => line.startsWith('[bench-event] ')).map((line) => JSON.parse(line.slice(14)));
  const first = (name) => Math.min(...events.filter((e) => e.event === name).map((e) => e.at));
  const last = (name) => Math.max(...events.filter((e) => e.event === name).map((e) => e.at));
  const marks = [spawnedAt, first('setup-begin'), first('file-begin'), last('file-end'), last('teardown-end'), exitedAt];
  if (marks.some((m) => !Number.isFinite(m))) throw new Error(`missing timeline events in:\n${output}`);
  const files = [...new Set(events.filter((e) => e.event === 'file-begin').map((e) => e.pid))];
  const at = (pid, name) => events.find((e) => e.pid === pid && e.event === name)?.at ?? NaN;
  const perFile = [['file-begin', 'runtime-ready'], ['runtime-ready', 'collected'], ['collected', 'file-end']]
    .map(([from, to]) => files.reduce((sum, pid) => sum + at(pid, to) - at(pid, from), 0));
  return [...marks.slice(1).map((m, i) => m - marks[i]), exitedAt - spawnedAt, ...perFile];
}

process.once('SIGINT', () => {
  void sweep(runId).finally(() => process.exit(130));
});

// Untimed: one run of the plugin's services, for its initialised Postgres image (the raw limit's).
const warm = await startRun(services(), { diagnostics: false });
const cachedPostgres = warm.environment.services.db.container.image;
await warm.stop();
const prestarted = await startTestcontainers();

// A plugin run with a session of its own (checked for leftovers at the end).
function pluginRun(round, env) {
  const session = `${runId}-plugin-${pluginSessions.length}-${round}`;
  pluginSessions.push(session);
  return vitestRun(['--config', TIMING_CONFIG], { BENCH_BASE: 'plugin', E2E_SESSION: session, ...env });
}

const runs = {
  plugin: (round) => pluginRun(round, {}),
  'plugin, no diagnostics': (round) => pluginRun(round, { BENCH_BASE: 'plugin-no-diagnostics' }),
  'plugin, dist external': (round) => pluginRun(round, { BENCH_EXTERNAL: '1' }),
  testcontainers: () => vitestRun(['--config', TIMING_CONFIG], { BENCH_BASE: 'testcontainers' }),
  'already running': () => vitestRun(['--config', TIMING_CONFIG], { BENCH_BASE: 'testcontainers', BENCH_SERVICES: JSON.stringify(prestarted.data) }),
};
// In this process: a start, then (separately timed) its stop.
const starts = {
  'startRun() (plugin services, diagnostics on)': async () => {
    const run = await startRun(timedServices(performance.now()));
    return () => run.stop();
  },
  'testcontainers start (parallel)': async () => {
    const started = await startTestcontainers();
    return () => started.stop();
  },
  'raw kafka ready alone': async () => (await rawKafkaReady(resolveImage('apache/kafka:3.9.1'))).cleanup,
  'raw three at once': async () => {
    const all = await Promise.all([rawPostgresReady(cachedPostgres), rawRedisReady(resolveImage('redis:7')), rawKafkaReady(resolveImage('apache/kafka:3.9.1'))]);
    return () => Promise.all(all.map((s) => s.cleanup()));
  },
};
const timeline = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
const startTimes = Object.fromEntries(Object.keys(starts).map((name) => [name, { start: [], stop: [] }]));
const steps = [...Object.keys(runs), ...Object.keys(starts)];

try {
  for (let round = 0; round < rounds; round++) {
    for (const name of steps.map((_, i) => steps[(i + round) % steps.length])) {
      if (runs[name]) {
        timeline[name].push(phases(await runs[name](round)));
      } else {
        const { ms, value: stop } = await time(starts[name]);
        startTimes[name].start.push(ms);
        startTimes[name].stop.push((await time(stop)).ms);
      }
      await sleep(500);
    }
    console.log(`round ${round + 1}/${rounds} done`);
  }
} finally {
  await prestarted.stop();
  await sweep(runId);
}

const cell = (v) => v.toFixed(0).padStart(8);
console.log(`\nPhases of a whole \`vitest run\` (median ms of ${rounds})`);
const columns = [...PHASES, ...FILE_PHASES.map((p) => `Σ ${p}`)];
console.log(`  ${''.padEnd(24)}${columns.map((p) => p.padStart(16)).join('')}`);
for (const [name, rows] of Object.entries(timeline)) {
  console.log(`  ${name.padEnd(24)}${columns.map((_, i) => cell(median(rows.map((r) => r[i]))).padStart(16)).join('')}`);
}
console.log(`\nIn this process (median ms of ${rounds})`);
for (const [name, { start, stop }] of Object.entries(startTimes)) {
  console.log(`  ${name.padEnd(46)} start ${cell(median(start))}   stop/cleanup ${cell(median(stop))}`);
}

console.log(`  startRun(): each service ready after (median ms) ${Object.entries(ready).map(([name, ms]) => `${name} ${median(ms).toFixed(0)}`).join(', ')}`);

await sleep(5000);
const left = await leftBehind(runId, pluginSessions);
console.log(left.length === 0 ? '\n  nothing left running' : `\n  LEFT BEHIND: ${left.join(' ')}`);
if (left.length > 0) process.exitCode = 1;
