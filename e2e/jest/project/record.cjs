// Records what a test file saw (its worker, the worker's own database, the run's session) for the
// outer e2e test to compare across workers. CommonJS, so CommonJS and ESM test files share it.
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const { services } = require('@docker-wrapper/jest/runtime');

async function record(file, extra = {}) {
  const out = process.env.E2E_OUT;
  if (!out) return;
  const { database } = await services.isolated('db');
  const { sessionId, services: info } = services.handle();
  const containers = Object.fromEntries(Object.entries(info).map(([name, s]) => [name, s.containerId]));
  appendFileSync(join(out, 'records.jsonl'), `${JSON.stringify({ file, worker: process.env.JEST_WORKER_ID, pid: process.pid, database, sessionId, containers, ...extra })}\n`);
}

module.exports = { record };
