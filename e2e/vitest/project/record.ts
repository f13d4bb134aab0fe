// Records what a test file saw (its worker, the worker's own database, the run's session) for the
// outer e2e test to compare across workers.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { services } from '@docker-wrapper/vitest/runtime';

export async function record(file: string, extra: Record<string, unknown> = {}): Promise<void> {
  const out = process.env.E2E_OUT;
  if (!out) return;
  const { database } = await services.isolated('db');
  const { sessionId, services: info } = services.handle();
  const containers = Object.fromEntries(Object.entries(info).map(([name, s]) => [name, s.containerId]));
  appendFileSync(join(out, 'records.jsonl'), `${JSON.stringify({ file, pool: process.env.VITEST_POOL_ID, pid: process.pid, database, sessionId, containers, ...extra })}\n`);
}
