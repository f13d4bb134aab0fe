// How long `stop()` takes: each template's against testcontainers-node 12 stopping the same image,
// side by side in interleaved rounds (the order flips every round). Starts are not timed.
// `npm run bench:stop` or `node scripts/with-images.mjs node bench/stop.mjs [rounds] [kinds]`
// (after `npm run build`; kinds like `redis,kafka`, default all three). Prints medians and the
// median of the per-round ratios; asserts nothing.
import getPort from 'get-port';
import { GenericContainer, Wait } from 'testcontainers';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { Docker } from '../packages/core/dist/index.js';
import { kafka, postgres, redis } from '../templates/dist/index.js';
import { brokerEnv, KAFKA_READY_LINE } from './raw.mjs';
import { median, report, resolveImage, time } from './support.mjs';

process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
const rounds = Number(process.argv[2] ?? 7);

// The Kafka stand-in under testcontainers' GenericContainer, configured like the template's broker.
async function testcontainersKafka() {
  const port = await getPort();
  const env = Object.fromEntries(brokerEnv(port, 'kafka').filter((_, i) => i % 2 === 1).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  return new GenericContainer(resolveImage('apache/kafka:3.9.1'))
    .withEnvironment(env)
    .withExposedPorts({ container: 9092, host: port })
    .withWaitStrategy(Wait.forLogMessage(KAFKA_READY_LINE))
    .withStartupTimeout(120_000)
    .start();
}

const session = await Docker.connect();
// Each pair: [template start, testcontainers start]; both return something with stop().
const allPairs = {
  postgres: [() => postgres().start(session), () => new PostgreSqlContainer(resolveImage('postgres:17')).start()],
  // As the adapters use it: isolate() claimed a spare, and a new one is being made when stop() comes.
  'postgres-isolated': [async () => { const s = await postgres().start(session); await s.isolate('worker-1'); return s; }, () => new PostgreSqlContainer(resolveImage('postgres:17')).start()],
  redis: [() => redis().start(session), () => new RedisContainer(resolveImage('redis:7')).start()],
  kafka: [() => kafka({ startupTimeout: 120_000 }).start(session), testcontainersKafka],
};
const kinds = (process.argv[3] ?? Object.keys(allPairs).join(',')).split(',');
const pairs = Object.fromEntries(Object.entries(allPairs).filter(([kind]) => kinds.includes(kind)));

const results = Object.fromEntries(Object.keys(pairs).flatMap((kind) => [[`${kind} template stop()`, []], [`${kind} testcontainers stop()`, []]]));
// Warm-up (untimed): the cached Postgres image, the page cache.
for (const [ours, theirs] of Object.values(pairs)) await Promise.all([(await ours()).stop(), (await theirs()).stop()]);
for (let round = 0; round < rounds; round++) {
  for (const [kind, [ours, theirs]] of Object.entries(pairs)) {
    const service = await ours();
    const container = await theirs();
    const timed = [[`${kind} template stop()`, () => service.stop()], [`${kind} testcontainers stop()`, () => container.stop()]];
    if (round % 2 === 1) timed.reverse();
    for (const [name, stop] of timed) results[name].push((await time(stop)).ms);
  }
  console.log(`round ${round + 1}/${rounds} done`);
}
const closed = await time(() => session.close());

for (const kind of Object.keys(pairs)) {
  report(`${kind}: stop()`, { [`${kind} testcontainers stop()`]: results[`${kind} testcontainers stop()`], [`${kind} template stop()`]: results[`${kind} template stop()`] }, `${kind} testcontainers stop()`);
}
// Load on a shared machine drifts between rounds: the median of the per-round ratios is steadier.
console.log('\nPer-round ratios (median of template / testcontainers in the same round)');
for (const kind of Object.keys(pairs)) {
  const ours = results[`${kind} template stop()`];
  const theirs = results[`${kind} testcontainers stop()`];
  console.log(`  ${kind.padEnd(18)} x${median(ours.map((ms, i) => ms / theirs[i])).toFixed(2)}`);
}
console.log(`\nclose() afterwards (waits for removals still running): ${closed.ms.toFixed(0)} ms`);
if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(results));
