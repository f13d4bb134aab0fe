// What bench/vitest.mjs and bench/vitest-timeline.mjs share: a whole `vitest run` of the e2e
// project in a child process, and the clean-up checks for the containers a run made.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { docker } from './support.mjs';
import { BENCH_LABEL } from './vitest-tc/containers.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const PROJECT = here('../e2e/vitest/project');
export const TC_CONFIG = here('./vitest-tc/vitest.config.mjs');
export const TIMING_CONFIG = here('./vitest-timing/vitest.config.mjs');
const VITEST = here('../node_modules/vitest/vitest.mjs');

// One whole `vitest run`; refuses a run that did not pass all six tests (it would time nothing).
// Returns its output and the epoch milliseconds it was spawned at and exited at.
export async function vitestRun(args, env) {
  const spawnedAt = Date.now();
  const result = await execa(process.execPath, [VITEST, 'run', ...args], {
    cwd: PROJECT, env: { NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', ...env }, all: true, reject: false, timeout: 300_000,
  });
  const exitedAt = Date.now();
  const output = result.all ?? '';
  if (result.exitCode !== 0 || !/Tests\s+6 passed/.test(output)) throw new Error(`vitest run ${args.join(' ')} failed (exit ${result.exitCode}):\n${output}`);
  return { output, spawnedAt, exitedAt };
}

// Ids of the containers (`-a`), networks or volumes carrying `label`.
export async function labelled(kind, label) {
  const { stdout } = await docker([kind, 'ls', ...(kind === 'container' ? ['-a'] : []), '-q', '--filter', `label=${label}`]);
  return stdout.split('\n').filter(Boolean);
}

// Removes what a failed or interrupted round left of this run's testcontainers; returns the count.
export async function sweep(runId) {
  const ids = await labelled('container', `${BENCH_LABEL}=${runId}`);
  if (ids.length > 0) await docker(['rm', '-f', '-v', ...ids]);
  return ids.length;
}

// What is left of the run: its testcontainers and the plugin sessions' labelled resources.
export async function leftBehind(runId, pluginSessions) {
  const left = await labelled('container', `${BENCH_LABEL}=${runId}`);
  for (const session of pluginSessions) {
    for (const kind of ['container', 'network', 'volume']) left.push(...await labelled(kind, `docker-wrapper.session=${session}`));
  }
  return left;
}
