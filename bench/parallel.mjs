// The three templates started in parallel against the slowest of them started alone (issue
// target: within 1.1x), next to the same comparison without the wrapper: plain `docker run` of the
// three images at once with the tightest readiness checks against Kafka's raw limit alone. The raw
// ratio is what the machine itself costs when three containers start at once (dockerd, runc and
// the JVM share its cores); the templates' ratio cannot be lower than that for long. Measured
// interleaved in one run; Postgres comes from its initialised-image cache (warmed once, untimed).
// `npm run bench:parallel` (builds and maps images first).
import { Docker } from '../packages/core/dist/index.js';
import { kafka, postgres, redis, startServices } from '../templates/dist/index.js';
import { rawKafkaReady, rawPostgresReady, rawRedisReady, warmPostgresCache } from './raw.mjs';
import { median, report, resolveImage, sleep, time } from './support.mjs';

const rounds = Number(process.argv[2] ?? 5);
const docker = await Docker.connect();
const cachedTag = await warmPostgresCache(docker);
const kafkaImage = resolveImage('apache/kafka:3.9.1');
const redisImage = resolveImage('redis:7');

const alone = { postgres: [], redis: [], kafka: [] };
const together = [];
const slowest = [];
const rawAlone = [];
const rawTogether = [];
for (let round = 0; round < rounds; round++) {
  const times = {};
  for (const [name, template] of [['postgres', postgres()], ['redis', redis()], ['kafka', kafka()]]) {
    const { ms, value } = await time(() => template.start(docker));
    alone[name].push(ms);
    times[name] = ms;
    await value.stop();
  }
  slowest.push(Math.max(...Object.values(times)));
  await sleep(200);
  const { ms, value } = await time(() => startServices(docker, { db: postgres(), cache: redis(), bus: kafka() }));
  together.push(ms);
  await value.stop();
  await sleep(200);
  const single = await time(() => rawKafkaReady(kafkaImage));
  rawAlone.push(single.ms);
  await single.value.cleanup();
  await sleep(200);
  const three = await time(() => Promise.all([rawPostgresReady(cachedTag), rawRedisReady(redisImage), rawKafkaReady(kafkaImage)]));
  rawTogether.push(three.ms);
  await Promise.all(three.value.map((started) => started.cleanup()));
  await sleep(200);
  console.log(`round ${round + 1}/${rounds}: alone pg ${times.postgres.toFixed(0)} redis ${times.redis.toFixed(0)} kafka ${times.kafka.toFixed(0)}, together ${ms.toFixed(0)} ms; raw kafka ${single.ms.toFixed(0)}, raw three ${three.ms.toFixed(0)} ms`);
}
report('Alone and in parallel', { 'slowest alone (per round)': slowest, 'postgres alone': alone.postgres, 'redis alone': alone.redis, 'kafka alone': alone.kafka, 'all three, startServices()': together }, 'slowest alone (per round)');
report('Raw limit: plain docker run, no wrapper', { 'raw kafka alone': rawAlone, 'raw three at once': rawTogether }, 'raw kafka alone');
const paired = (a, b) => median(a.map((t, i) => t / b[i])).toFixed(2);
console.log(`  paired median ratio, templates (together / slowest alone, same round): x${paired(together, slowest)}`);
console.log(`  paired median ratio, raw (three at once / kafka alone, same round):    x${paired(rawTogether, rawAlone)}`);
console.log(`  paired median ratio, together: templates / raw (same round):           x${paired(together, rawTogether)}`);
await docker.close();
