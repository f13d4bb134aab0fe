import { describe, expect, it } from 'vitest';
import type { RunHandle } from '@docker-wrapper/templates';
import { checkRunMatches, encodeRunEnvelope, parseRunEnvelope, runForWorker, RUN_ENV } from '../../src/run-env.js';

const handle = (port: number, kinds: Record<string, string> = { db: 'postgres', cache: 'redis' }): RunHandle => ({
  version: 1,
  sessionId: `s-${port}`,
  endpoint: `http://127.0.0.1:${port}`,
  token: 'secret-token',
  connections: Object.fromEntries(Object.keys(kinds).map((name) => [name, { url: `postgres://test:hunter2@127.0.0.1:${port}/test` }])),
  services: Object.fromEntries(Object.entries(kinds).map(([name, kind]) => [name, { kind, containerId: `c-${name}-${port}`, reused: false }])),
  startedAt: '2026-01-01T00:00:00.000Z',
});

describe('the run envelope', () => {
  it('goes through the environment variable and back', () => {
    const envelope = { mode: 'per-worker' as const, runs: [handle(1001), handle(1002)] };
    expect(parseRunEnvelope(encodeRunEnvelope(envelope))).toEqual(envelope);
  });

  it('says what to add when the config names no global setup of ours', () => {
    expect(() => parseRunEnvelope(undefined)).toThrow(new RegExp(`^Invalid \`${RUN_ENV}\`: undefined\\. No docker-wrapper run in this Playwright worker\\. Export \`servicesSetup\\(services\\)\` from @docker-wrapper/playwright as the default of a module .* and name that module in \`globalSetup\` in playwright\\.config\\.ts\\.$`));
  });

  it('never shows a malformed value (it may hold passwords)', () => {
    for (const text of ['{"mode":"shared","runs":[{"token":"hunter2"}]}', '{"mode":"both","runs":[]}', 'hunter2{']) {
      let message = '';
      try {
        parseRunEnvelope(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/not shown: it may hold passwords/);
      expect(message).not.toMatch(/hunter2/);
    }
  });

  it('gives a shared run to every worker and a per-worker run to its own slot, the same after a restart', () => {
    const shared = { mode: 'shared' as const, runs: [handle(1001)] };
    expect(runForWorker(shared, 0)).toBe(shared.runs[0]);
    expect(runForWorker(shared, 5)).toBe(shared.runs[0]);
    const perWorker = { mode: 'per-worker' as const, runs: [handle(1001), handle(1002)] };
    expect(runForWorker(perWorker, 1).endpoint).toBe('http://127.0.0.1:1002');
    expect(() => runForWorker(perWorker, 2)).toThrow(/^Invalid `parallelIndex`: 2\. The global setup started 2 set\(s\) of services, one per worker of `workers` in the config; this worker's slot has none\./);
  });
});

describe('checkRunMatches', () => {
  it('accepts the run of the same map', () => {
    expect(() => checkRunMatches(handle(1), { db: { kind: 'postgres' }, cache: { kind: 'redis' } })).not.toThrow();
  });

  it('names every difference between the run and the test file\'s map', () => {
    expect(() => checkRunMatches(handle(1), { db: { kind: 'postgres' }, bus: { kind: 'kafka' } })).toThrow(/The global setup started other services \(not started: bus; started but not in withServices\(\): cache\)\. Give servicesSetup\(\) and withServices\(\) the same map: export it from one module and import it in both\./);
    expect(() => checkRunMatches(handle(1), { db: { kind: 'redis' }, cache: { kind: 'redis' } })).toThrow(/\(db is postgres in the run, redis in withServices\(\)\)/);
  });
});
