// Records what a test saw (its worker slot, the worker's own database, the run's containers) for
// the outer e2e test to compare across workers and restarts.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestInfo } from '@playwright/test';
import type { RunServices } from '@docker-wrapper/playwright';

export function record(testInfo: TestInfo, dockerServices: RunServices<Record<string, unknown>>, extra: Record<string, unknown> = {}): void {
  const out = process.env.E2E_OUT;
  if (!out) return;
  const { sessionId, services } = dockerServices.handle();
  const containers = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.containerId]));
  const line = { title: testInfo.title, parallelIndex: testInfo.parallelIndex, workerIndex: testInfo.workerIndex, mode: dockerServices.mode, sessionId, containers, ...extra };
  appendFileSync(join(out, 'records.jsonl'), `${JSON.stringify(line)}\n`);
}
