// Time to ready of the Kafka template against its raw limit, measured interleaved in one run:
// plain `docker run` of the same broker configuration, `docker logs -f` until "Kafka Server
// started", then the template's own readiness probe (the broker lists itself; with topics, they
// are made and each partition's leader answers ListOffsets). `node scripts/with-images.mjs node bench/kafka.mjs [rounds]` (after
// `npm run build`). Prints medians side by side and the ratios; asserts nothing.
import { execa } from 'execa';
import { Kafka, logLevel } from 'kafkajs';
import { Docker } from '../packages/core/dist/index.js';
import { kafka } from '../templates/dist/index.js';
// The probe is the template's readiness, its few lines of the Kafka protocol (no client library).
import { prepareBroker } from '../templates/dist/kafka/admin.js';
import { followUntil, newClusterId, rawKafka } from './raw.mjs';
import { docker, median, report, resolveImage, time } from './support.mjs';

const rounds = Math.max(5, Number(process.argv[2] ?? 7));
const image = resolveImage('apache/kafka:3.9.1');
const READY = 'Kafka Server started';

const probe = (port) => prepareBroker({ host: '127.0.0.1', port }, [], AbortSignal.timeout(120_000));

// kafkajs for comparison: producer send, then a consumer group reading it (how most tests consume).
async function kafkajsProbe(port) {
  const client = new Kafka({ clientId: 'bench', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
  const admin = client.admin();
  const producer = client.producer();
  const consumer = client.consumer({ groupId: 'bench' });
  await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
  try {
    await admin.createTopics({ topics: [{ topic: 'probe' }], waitForLeaders: true });
    await producer.send({ topic: 'probe', messages: [{ value: 'x' }] });
    await consumer.subscribe({ topic: 'probe', fromBeginning: true });
    await new Promise((resolve, reject) => { consumer.run({ eachMessage: async () => resolve() }).catch(reject); });
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  }
}

const THREE_TOPICS = [{ name: 'orders', partitions: 6, config: {} }, { name: 'events', partitions: 1, config: {} }, { name: 'audit', partitions: 1, config: {} }];
const session = await Docker.connect();

// Does an initialised-image cache pay for Kafka? A broker that made the same three topics, stopped
// and committed (formatted storage, metadata log, topics), started again with its cluster id.
const initialised = `docker-wrapper-bench/kafka-initialised:${process.pid}`;
const initialisedClusterId = newClusterId();
{
  const first = await rawKafka(image, { network: false, clusterId: initialisedClusterId });
  await followUntil(first.id, READY);
  await prepareBroker({ host: '127.0.0.1', port: first.port }, THREE_TOPICS, AbortSignal.timeout(120_000));
  await docker(['stop', first.id]);
  await docker(['commit', first.id, initialised]);
  await first.cleanup();
}

const variants = {
  'raw: docker run + logs -f + readiness probe': async () => {
    const started = await rawKafka(image, { network: false });
    await followUntil(started.id, READY);
    await probe(started.port);
    return started;
  },
  'raw: network create + run --network + same': async () => {
    const started = await rawKafka(image, { network: true });
    await followUntil(started.id, READY);
    await probe(started.port);
    return started;
  },
  'raw: docker run + logs -f + kafkajs group': async () => {
    const started = await rawKafka(image, { network: false });
    await followUntil(started.id, READY);
    await kafkajsProbe(started.port);
    return started;
  },
  'raw: docker run + logs -f + 3 topics + same': async () => {
    const started = await rawKafka(image, { network: false });
    await followUntil(started.id, READY);
    await prepareBroker({ host: '127.0.0.1', port: started.port }, THREE_TOPICS, AbortSignal.timeout(120_000));
    return started;
  },
  'raw: initialised image (3 topics made) + same': async () => {
    const started = await rawKafka(initialised, { network: false, clusterId: initialisedClusterId });
    await followUntil(started.id, READY);
    await prepareBroker({ host: '127.0.0.1', port: started.port }, THREE_TOPICS, AbortSignal.timeout(120_000));
    return started;
  },
  'template: kafka().start()': async () => {
    const bus = await kafka().start(session);
    return { id: bus.container.id, cleanup: () => bus.stop() };
  },
  'template: kafka({ same 3 topics }).start()': async () => {
    const bus = await kafka({ topics: [{ name: 'orders', partitions: 6 }, 'events', 'audit'] }).start(session);
    return { id: bus.container.id, cleanup: () => bus.stop() };
  },
};

// When the container's process started and when it logged the start line (engine clock = ours).
async function milestones(id) {
  const startedAt = Date.parse((await docker(['inspect', '-f', '{{.State.StartedAt}}', id])).stdout.trim());
  const { stdout } = await execa('docker', ['logs', '-t', id], { all: true });
  const line = stdout.split('\n').find((l) => l.includes(READY)) ?? '';
  return { startedAt, lineAt: Date.parse(line.split(' ')[0]) };
}

// One untimed run of each: the image's layers and the JVM's files in the page cache.
for (const run of Object.values(variants)) await (await run()).cleanup();

const names = Object.keys(variants);
const results = Object.fromEntries(names.map((name) => [name, []]));
// Per run: before the process starts (docker + the wrapper), the broker's own start, after its line.
const phases = Object.fromEntries(names.map((name) => [name, { before: [], broker: [], after: [] }]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const t0 = Date.now();
    const { ms, value: started } = await time(run);
    const ready = Date.now();
    results[name].push(ms);
    const { startedAt, lineAt } = await milestones(started.id);
    phases[name].before.push(startedAt - t0);
    phases[name].broker.push(lineAt - startedAt);
    phases[name].after.push(ready - lineAt);
    await started.cleanup();
  }
  console.log(`round ${round + 1}/${rounds} done`);
}
const pick = (...picked) => Object.fromEntries(picked.map((n) => [n, results[n]]));
const base = 'raw: docker run + logs -f + readiness probe';
report(`Kafka time to ready (${image}; ready = the template's readiness probe)`, pick(base, 'raw: network create + run --network + same', 'raw: docker run + logs -f + kafkajs group', 'template: kafka().start()'), base);
report('Kafka with three topics (orders: 6 partitions) made before ready', pick('raw: docker run + logs -f + 3 topics + same', 'raw: initialised image (3 topics made) + same', 'template: kafka({ same 3 topics }).start()'), 'raw: docker run + logs -f + 3 topics + same');
// Load on a shared machine drifts between rounds: the median of the per-round ratios is steadier.
const paired = (name, of) => median(results[name].map((ms, i) => ms / results[of][i]));
console.log('\nPer-round ratios (median of template / raw in the same round)');
console.log(`  kafka() vs raw docker run                     x${paired('template: kafka().start()', base).toFixed(2)}`);
console.log(`  kafka() vs raw network create + run --network x${paired('template: kafka().start()', 'raw: network create + run --network + same').toFixed(2)}`);
console.log(`  kafka({ 3 topics }) vs raw with the same      x${paired('template: kafka({ same 3 topics }).start()', 'raw: docker run + logs -f + 3 topics + same').toFixed(2)}`);
// The broker's own start dominates and varies with load; what the wrapper adds is before + after.
console.log('\nPhases, medians in ms: before the broker process starts | broker start to its line | line to ready');
for (const name of names) {
  const p = phases[name];
  const cell = (values) => median(values).toFixed(0).padStart(6);
  console.log(`  ${name.padEnd(44)} ${cell(p.before)} | ${cell(p.broker)} | ${cell(p.after)}   (before + after ${median(p.before.map((b, i) => b + p.after[i])).toFixed(0)})`);
}
if (process.env.BENCH_VERBOSE) console.log(JSON.stringify({ results, phases }));
await docker(['rmi', initialised]);
await session.close();
