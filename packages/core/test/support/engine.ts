// The kind of engine the integration tests run against (`npm run test:engines` points them at
// Podman too), asked once per test file. Tests of what Podman cannot do are skipped there, each
// with the reason next to it (docs/engines.md has the table).
import { execFileSync } from 'node:child_process';
import { it } from 'vitest';
import { engineKindOf, type EngineKind } from '../../src/cli/engine-kind.js';

function askEngine(): EngineKind {
  try {
    return engineKindOf(JSON.parse(execFileSync('docker', ['version', '--format', '{{json .Server}}'], { encoding: 'utf8', timeout: 30_000 })));
  } catch {
    return 'docker';
  }
}

export const ENGINE_KIND: EngineKind = askEngine();

// How long a test waits for its first few stats samples. Podman 4.3's stats stream samples each
// second when alone, but while the whole suite runs on it, it drops a container now and then
// (docker.stats then starts it again: engineStatsRestarts), which costs about 6 s each time.
// dockerd: 30 s.
export const STATS_SAMPLES_WAIT_MS = ENGINE_KIND === 'podman' ? 90_000 : 30_000;

// `it`, or `it.skip` on Podman, which cannot do what the test needs for `reason`.
export function unlessPodman(reason: string): typeof it | typeof it.skip {
  return ENGINE_KIND === 'podman' && reason ? it.skip : it;
}

// What Podman 4.3 (Debian's) cannot do that a test needs, as found by `npm run test:engines`.
export const PODMAN_LACKS = {
  health: 'Podman runs health checks from systemd timers; without systemd (as on this machine) none runs and the status stays starting',
  registry: 'Podman refuses a plain-HTTP registry on 127.0.0.1 unless its registries.conf marks it insecure',
  oom: 'Podman 4.3 on cgroup v1 reports an OOM kill as exit 137 only: no `oom` event, OOMKilled false',
  kill: 'Podman 4.3 kill events carry no signal attribute',
  commitChanges: "Podman 4.3's commit rejects `--change`: the Postgres template starts without the initialised-image cache there",
  runVolumes: 'Podman ignores `volume-label` on a `docker run` mount: a named volume the run creates carries no session label',
  localhostNames: 'Podman names a built or loaded image `localhost/<name>`',
  buildOutput: "Podman's builder words a failed step its own way (no `returned a non-zero code`)",
  volumeLabelFilters: 'Podman 4.3 ORs two label filters on `docker volume ls` where Docker ANDs them',
  stats: 'Podman 4.3 stats differ: its CPU figures, and a 404 (not "No such container") for a missing container',
} as const;
