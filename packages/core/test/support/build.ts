// Brings the built packages (dist) up to date with the source, for tests that run them in a plain
// `node` process. Incremental: about half a second when nothing changed.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

// Builds `project` (a tsconfig path relative to the repository root; default: every package).
export function buildDist(project = 'tsconfig.build.json'): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', project], { cwd: repoRoot, stdio: 'pipe' });
}
