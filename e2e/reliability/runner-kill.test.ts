// Fault matrix: Vitest ended by SIGINT, SIGTERM or SIGKILL in the middle of a run leaves no process
// of ours: no docker events, stats or logs process of the run's session or containers, no reaper,
// no run server. (That no container, network or volume is left is e2e/vitest's, e2e/jest's and
// e2e/playwright's kill tests; it is checked here too.)
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processList } from '../../packages/core/test/support/cli.js';
import { killMidRun, plain, runCli, runningContainers, sessionId, until } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const vitestBin = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

// This machine's processes whose command line names the session or one of its containers.
async function processesOf(markers: string[]): Promise<string[]> {
  return (await processList()).filter((line) => markers.some((marker) => line.includes(marker)) && !/\bps -eo\b/.test(line));
}

describe('Vitest killed in the middle of a run (real vitest CLI)', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal}: no container and no process of ours left after 10 s`, async () => {
      const session = sessionId(`flt-kill-${signal.toLowerCase()}`);
      const child = runCli(project, [vitestBin, 'run'], { E2E_SLOW: '1', E2E_SESSION: session });
      let containers: string[] = [];
      expect(await until(async () => (containers = await runningContainers(session)).length === 2, 120_000)).toBe(true);
      const markers = [session, ...containers.map((id) => id.slice(0, 12))];
      // While it runs, the recorder's docker events and stats processes are there to be found.
      expect(await until(async () => (await processesOf(markers)).some((line) => /docker stats /.test(line)), 30_000)).toBe(true);
      const result = await killMidRun(child, session, signal, { containers: 2 });
      expect(result.started, plain(result.output)).toBe(true);
      expect(result.left, `left after ${signal}`).toEqual([]);
      await until(async () => (await processesOf(markers)).length === 0, 10_000, 250);
      expect(await processesOf(markers), `processes left after ${signal}`).toEqual([]);
    });
  }
});
