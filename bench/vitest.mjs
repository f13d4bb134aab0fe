// The Vitest plugin against the same e2e suite over testcontainers-node 12 (issue 10,
// "Performance"): wall time of a whole `vitest run` child process of e2e/vitest/project (its test
// files unchanged) with the services from
//   plugin          the project as it is (dockerServices() in its vitest.config.ts);
//   testcontainers  bench/vitest-tc: a global setup starting the three services with
//                   testcontainers (Ryuk off, same images and settings), and a hand-written
//                   `services()` runtime in place of the plugin's;
//   already running the same runtime against containers started once before the rounds: the suite
//                   with no start at all (plugin overhead = plugin - this).
// Each round also times Kafka's raw ready limit (bench/raw.mjs: docker run, its start line, a topic
// and a produce/fetch round trip), the slowest of the three services. Interleaved, the order
// rotated each round, after one untimed warm-up of each. `npm run bench:vitest [rounds]`.
// BENCH_TIMING=1 prints when the testcontainers services were ready and how long isolation took.
import { randomUUID } from 'node:crypto';
import { rawKafkaReady } from './raw.mjs';
import { median, report, resolveImage, sleep, time } from './support.mjs';
import { startTestcontainers } from './vitest-tc/containers.mjs';
import { TC_CONFIG, leftBehind, sweep, vitestRun } from './vitest-runs.mjs';

const rounds = Number(process.argv[2] ?? 5);
const runId = `vitest-${randomUUID().slice(0, 8)}`;
// Every testcontainers container of this run (here and in the Vitest children) carries it.
process.env.BENCH_RUN_ID = runId;
const kafkaImage = resolveImage('apache/kafka:3.9.1');
const pluginSessions = [];

process.once('SIGINT', () => {
  void sweep(runId).finally(() => process.exit(130));
});

const prestarted = await startTestcontainers();
const variants = {
  plugin: async (round) => {
    const session = `${runId}-plugin-${round}`;
    pluginSessions.push(session);
    await vitestRun([], { E2E_SESSION: session });
  },
  testcontainers: async () => {
    const { output } = await vitestRun(['--config', TC_CONFIG], {});
    if (process.env.BENCH_TIMING === '1') console.log(output.split('\n').filter((line) => line.includes('[bench-timing]')).join('\n'));
  },
  'already running': async () => {
    await vitestRun(['--config', TC_CONFIG], { BENCH_SERVICES: JSON.stringify(prestarted.data) });
  },
  'raw kafka ready': async () => {
    const started = await rawKafkaReady(kafkaImage);
    return started.cleanup;
  },
};
const names = Object.keys(variants);
const results = Object.fromEntries(names.map((name) => [name, []]));

try {
  // Untimed: fills the plugin's initialised-Postgres image for this schema, warms disks and JITs.
  for (const name of names) {
    const cleanup = await variants[name]('warm-up');
    if (typeof cleanup === 'function') await cleanup();
  }
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const { ms, value: cleanup } = await time(() => variants[name](round));
      results[name].push(ms);
      if (typeof cleanup === 'function') await cleanup();
      await sleep(500);
    }
    console.log(`round ${round + 1}/${rounds}: ${names.map((name) => `${name} ${results[name][round].toFixed(0)}`).join(', ')} ms`);
  }
} finally {
  await prestarted.stop();
  const swept = await sweep(runId);
  if (swept > 0) console.log(`removed ${swept} container(s) a failed round left`);
}

report('Whole `vitest run` of e2e/vitest/project (4 files, 6 tests, 2 workers)', results, 'testcontainers');
const r = results;
const plugin = median(r.plugin);
const overhead = r.plugin.map((ms, i) => ms - r['already running'][i]);
const paired = (values, base) => median(values.map((v, i) => v / base[i])).toFixed(2);
console.log(`\n  plugin / testcontainers: medians x${(plugin / median(r.testcontainers)).toFixed(2)}, paired x${paired(r.plugin, r.testcontainers)} (target <= 0.5)`);
// The best any wrapper could do: the suite with no start, plus the slowest service's raw start.
const floor = r['already running'].map((ms, i) => ms + r['raw kafka ready'][i]);
console.log(`  floor (already running + raw kafka ready) / testcontainers: medians x${(median(floor) / median(r.testcontainers)).toFixed(2)}, paired x${paired(floor, r.testcontainers)}`);
console.log(`  plugin overhead (plugin - already running): medians ${(plugin - median(r['already running'])).toFixed(0)} ms, paired ${median(overhead).toFixed(0)} ms`);
console.log(`  overhead / raw kafka ready: medians x${((plugin - median(r['already running'])) / median(r['raw kafka ready'])).toFixed(2)}, paired x${paired(overhead, r['raw kafka ready'])} (target <= 1.1)`);

// Nothing of the run may be left: the plugin's sessions (its reaper has a few seconds) and ours.
await sleep(5000);
const left = await leftBehind(runId, pluginSessions);
console.log(left.length === 0 ? '\n  nothing left running' : `\n  LEFT BEHIND: ${left.join(' ')}`);
if (left.length > 0) process.exitCode = 1;
