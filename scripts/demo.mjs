// `npm run demo`: starts Postgres, Redis and Kafka once, runs the example suites of Vitest, Jest
// and Playwright against them (each adapter takes them through the bring-your-own variables, so
// no suite starts containers of its own), prints a summary with timings and removes everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '../packages/core/dist/index.js';
import { BYO_ENV, kafka, postgres, redis, startServices } from '../templates/dist/index.js';
import { runSuite, suites } from './demo/suites.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const masked = (url) => url.replace(/:[^:@/]+@/, ':***@');

const docker = await Docker.connect();
console.log(`engine ${docker.engine.serverVersion} (API ${docker.engine.apiVersion}) at ${docker.engine.endpoint}`);
const rows = [];
let failed = false;
try {
  const started = performance.now();
  await using env = await startServices(docker, {
    db: postgres({ initScripts: [new URL('../e2e/app/schema.sql', import.meta.url)] }),
    cache: redis(),
    bus: kafka({ topics: ['user-events'] }),
  });
  rows.push({ name: 'Postgres, Redis and Kafka ready', ms: performance.now() - started, note: 'started in parallel' });
  const byo = {
    [BYO_ENV.postgres]: env.connections.db.url,
    [BYO_ENV.redis]: env.connections.cache.url,
    [BYO_ENV.kafka]: env.connections.bus.bootstrapServers,
  };
  for (const [name, value] of Object.entries(byo)) console.log(`${name}=${masked(value)}`);

  for (const suite of suites) {
    console.log(`running the ${suite.name} example suite (${suite.project}) ...`);
    const out = mkdtempSync(join(tmpdir(), `docker-wrapper-demo-${suite.name.toLowerCase()}-`));
    const result = await runSuite(suite, out, byo);
    rmSync(out, { recursive: true, force: true });
    const ok = result.exitCode === 0;
    rows.push({ name: suite.name, ms: result.ms, note: `${result.passed} passed, ${result.failed} failed${ok ? '' : `, exit code ${result.exitCode}`}` });
    if (!ok) {
      failed = true;
      console.log(result.output.split('\n').slice(-60).join('\n'));
    }
  }
  const stopping = performance.now();
  await env.stop();
  rows.push({ name: 'stopped', ms: performance.now() - stopping, note: '' });
} finally {
  // What close() finds is only what the steps above left behind (e.g. after a failure).
  const left = await docker.close();
  const count = left.containers + left.networks + left.volumes;
  console.log(count === 0
    ? `\nclosed session ${docker.sessionId}: nothing of it was left to remove`
    : `\nclosed session ${docker.sessionId}: removed what was left, ${left.containers} container(s), ${left.networks} network(s), ${left.volumes} volume(s)`);
}

const width = Math.max(...rows.map((row) => row.name.length));
console.log('\nsummary');
for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${seconds(row.ms).padStart(7)}  ${row.note}`);
process.exitCode = failed ? 1 : 0;
