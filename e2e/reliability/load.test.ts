// Fault matrix, load: 8 processes starting 3 services each at once, three rounds in a row, and 50
// containers started and removed concurrently from one session. No name or port collision, nothing
// left, no hang (each round and the batch end well within their test's timeout).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContainerBuilder, Docker, Wait } from '@docker-wrapper/core';
import { leftovers, plain, runCli, sessionId } from '../support/runner.js';

const worker = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const PROCESSES = 8;
const ROUNDS = 3;
const CONTAINERS = 50;

describe('load', () => {
  it(`${PROCESSES} processes start 3 services each at once, ${ROUNDS} rounds in a row: no collision, nothing left`, { timeout: 600_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const sessions = Array.from({ length: PROCESSES }, (_, i) => sessionId(`flt-load-${round}-${i}`));
      const results = await Promise.all(sessions.map((session) => runCli(here, [worker, session], {}, 180_000)));
      for (const result of results) expect(result.exitCode, plain(result.all)).toBe(0);
      const started = results.flatMap((result) => JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as { name: string; port: number }[]);
      expect(started).toHaveLength(PROCESSES * 3);
      expect(new Set(started.map((s) => s.name)).size).toBe(PROCESSES * 3);
      expect(new Set(started.map((s) => s.port)).size).toBe(PROCESSES * 3);
      expect((await Promise.all(sessions.map(leftovers))).flat(), `round ${round}`).toEqual([]);
    }
  });

  it(`${CONTAINERS} containers started and removed concurrently from one session: no collision, nothing left`, async () => {
    const session = sessionId('flt-load-batch');
    const docker = await Docker.connect({ sessionId: session, handleSignals: false });
    try {
      const builder = new ContainerBuilder('debian:bookworm-slim').command(['sleep', '600']).port(80).waitFor(Wait.none());
      const containers = await Promise.all(Array.from({ length: CONTAINERS }, () => builder.run(docker)));
      expect(new Set(containers.map((c) => c.name)).size).toBe(CONTAINERS);
      expect(new Set(containers.map((c) => c.hostPort(80))).size).toBe(CONTAINERS);
      expect(await leftovers(session)).toHaveLength(CONTAINERS);
      await Promise.all(containers.map((c) => c.remove()));
      expect(await leftovers(session)).toEqual([]);
    } finally {
      await docker.close();
    }
  });
});
