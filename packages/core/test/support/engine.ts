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

// `it`, or `it.skip` on Podman, which cannot do what the test needs for `reason`.
export function unlessPodman(reason: string): typeof it | typeof it.skip {
  return ENGINE_KIND === 'podman' && reason ? it.skip : it;
}
