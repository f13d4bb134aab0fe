// Fault matrix: Vitest ended by SIGINT, SIGTERM or SIGKILL in the middle of a run, on the cheap fault
// project (two Redis), leaves no container and no process of ours: no docker events or stats
// process of the run's session or containers, no reaper, no run server. killMidRun checks the same
// in e2e/vitest, e2e/jest and e2e/playwright; here the check is shown able to fail (the processes
// are there before the signal).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { killMidRun, plain, runCli, sessionId } from '../support/runner.js';

const project = fileURLToPath(new URL('./project', import.meta.url));
const vitestBin = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

describe('Vitest killed in the middle of a run (real vitest CLI)', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal}: no container and no process of ours left after 10 s`, async () => {
      const session = sessionId(`flt-kill-${signal.toLowerCase()}`);
      const result = await killMidRun(runCli(project, [vitestBin, 'run'], { E2E_SLOW: '1', E2E_SESSION: session }), session, signal, { containers: 2 });
      expect(result.started, plain(result.output)).toBe(true);
      expect(result.processesBefore.some((line) => /docker stats /.test(line)), result.processesBefore.join('\n')).toBe(true);
      expect(result.processesBefore.some((line) => /docker events /.test(line)), result.processesBefore.join('\n')).toBe(true);
      expect(result.left, `left after ${signal}`).toEqual([]);
      expect(result.processes, `processes left after ${signal}`).toEqual([]);
    });
  }
});
