// The engine's two transports side by side (issue 14): the Engine API over long-lived
// `docker system dial-stdio` connections (`api`, the default) and one docker CLI process per call
// (`cli`), against testcontainers-node 12 and a bare `docker run -d`, in interleaved rounds of one
// run. Prints the targets as ratios, CPU per Redis start and docker processes per run(). Asserts
// nothing. `npm run bench:transport [rounds]` (builds first).
import { readFileSync, readdirSync } from 'node:fs';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import pg from 'pg';
import { ContainerBuilder, Docker, Wait } from '../packages/core/dist/index.js';
import { postgres, redis } from '../templates/dist/index.js';
import { rawPostgresReady, rawRedisReady, warmPostgresCache } from './raw.mjs';
import { docker as cli, median, report, resolveImage, time } from './support.mjs';

process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
const rounds = Number(process.argv[2] ?? 9);
const redisImage = resolveImage('redis:7');
const pgImage = resolveImage('postgres:17');
const baseImage = resolveImage('debian');

const sessions = { api: await Docker.connect({ transport: 'api' }), cli: await Docker.connect({ transport: 'cli' }) };
for (const [name, session] of Object.entries(sessions)) if (session.engine.transport !== name) throw new Error(`the ${name} session speaks ${session.engine.transport}`);
const cachedTag = await warmPostgresCache(sessions.api);

// CPU time in ms: the whole machine (/proc/stat), and this process with its docker processes
// (its own time, the children it reaped, and the dial-stdio children still running).
const TICK_MS = 10;
function machineCpuMs() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq] = fields;
  return (user + nice + system + irq + softirq) * TICK_MS;
}
function statOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]), cutime: Number(fields[13]), cstime: Number(fields[14]) };
  } catch {
    return undefined;
  }
}
function clientCpuMs() {
  const self = statOf(process.pid);
  let ticks = self.utime + self.stime + self.cutime + self.cstime;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(entry);
    if (stat?.ppid === process.pid) ticks += stat.utime + stat.stime;
  }
  return ticks * TICK_MS;
}

async function selectOne(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}

const cpu = { api: { machine: [], client: [] }, cli: { machine: [], client: [] } };
const processes = { api: [], cli: [] };
const redisVia = (name) => async () => {
  const session = sessions[name];
  const before = { machine: machineCpuMs(), client: clientCpuMs() };
  const service = await redis().start(session);
  cpu[name].machine.push(machineCpuMs() - before.machine);
  cpu[name].client.push(clientCpuMs() - before.client);
  return () => service.stop();
};
const runVia = (name) => async () => {
  const session = sessions[name];
  const before = session.executor.spawned + (session.executor.api?.connectionsOpened ?? 0);
  const container = await new ContainerBuilder('debian').command(['sleep', '600']).waitFor(Wait.none()).run(session);
  processes[name].push(session.executor.spawned + (session.executor.api?.connectionsOpened ?? 0) - before);
  return () => container.remove();
};

const variants = {
  'redis template start(), api': redisVia('api'),
  'redis template start(), cli': redisVia('cli'),
  'redis raw: docker run + docker port + PING': async () => (await rawRedisReady(redisImage)).cleanup,
  'redis testcontainers 12 start()': async () => {
    const c = await new RedisContainer(redisImage).start();
    return () => c.stop();
  },
  'pg template start() from cache, api': async () => {
    const s = await postgres().start(sessions.api);
    return async () => { await selectOne(s.connection.url); await s.stop(); };
  },
  'pg template start() from cache, cli': async () => {
    const s = await postgres().start(sessions.cli);
    return async () => { await selectOne(s.connection.url); await s.stop(); };
  },
  'pg raw: docker run cached image + pg_isready': async () => (await rawPostgresReady(cachedTag)).cleanup,
  'pg testcontainers 12 start()': async () => {
    const c = await new PostgreSqlContainer(pgImage).start();
    return async () => { await selectOne(c.getConnectionUri()); await c.stop(); };
  },
  'core run() Wait.none(), api': runVia('api'),
  'core run() Wait.none(), cli': runVia('cli'),
  'bare docker run -d': async () => {
    const id = (await cli(['run', '-d', '--label', 'docker-wrapper.bench=transport', baseImage, 'sleep', '600'])).stdout.trim();
    return () => cli(['rm', '-f', '-v', id]);
  },
};

const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const { ms, value: cleanup } = await time(run);
    results[name].push(ms);
    await cleanup();
  }
  console.log(`round ${round + 1}/${rounds} done`);
}

const pick = (...names) => Object.fromEntries(names.map((n) => [n, results[n]]));
const paired = (name, base) => median(results[name].map((ms, i) => ms / results[base][i]));
report('Redis template ready', pick('redis testcontainers 12 start()', 'redis raw: docker run + docker port + PING', 'redis template start(), api', 'redis template start(), cli'), 'redis testcontainers 12 start()');
report('Postgres from the initialised-image cache', pick('pg testcontainers 12 start()', 'pg raw: docker run cached image + pg_isready', 'pg template start() from cache, api', 'pg template start() from cache, cli'), 'pg testcontainers 12 start()');
report('Core run() with Wait.none()', pick('bare docker run -d', 'core run() Wait.none(), api', 'core run() Wait.none(), cli'), 'bare docker run -d');

const ratio = (name, base) => median(results[name]) / median(results[base]);
const targets = [
  ['Redis template (api) / testcontainers', ratio('redis template start(), api', 'redis testcontainers 12 start()'), paired('redis template start(), api', 'redis testcontainers 12 start()'), 0.95],
  ['Postgres cached (api) / testcontainers', ratio('pg template start() from cache, api', 'pg testcontainers 12 start()'), paired('pg template start() from cache, api', 'pg testcontainers 12 start()'), 0.15],
  ['  (floor) raw cached Postgres / testcontainers', ratio('pg raw: docker run cached image + pg_isready', 'pg testcontainers 12 start()'), paired('pg raw: docker run cached image + pg_isready', 'pg testcontainers 12 start()'), 0.15],
  ['  Postgres cached (api) / its raw floor', ratio('pg template start() from cache, api', 'pg raw: docker run cached image + pg_isready'), paired('pg template start() from cache, api', 'pg raw: docker run cached image + pg_isready'), 1.0],
  ['core run() none (api) / docker run -d', ratio('core run() Wait.none(), api', 'bare docker run -d'), paired('core run() Wait.none(), api', 'bare docker run -d'), 1.0],
];
console.log('\nTargets (medians ratio, paired ratio, target)');
for (const [name, m, p, target] of targets) console.log(`  ${name.padEnd(42)} x${m.toFixed(2)}  paired x${p.toFixed(2)}  target <= x${target.toFixed(2)}  ${m <= target ? 'met' : 'NOT met'}`);

console.log('\nCPU per Redis template start (median ms of CPU time)');
for (const name of ['api', 'cli']) console.log(`  ${name}: machine ${median(cpu[name].machine).toFixed(0)} ms, this process + its docker processes ${median(cpu[name].client).toFixed(0)} ms`);
console.log('\ndocker processes started per core run() (Wait.none())');
for (const name of ['api', 'cli']) console.log(`  ${name}: ${median(processes[name])} (max ${Math.max(...processes[name])})`);

await Promise.all(Object.values(sessions).map((s) => s.close()));
