// The five packages are released together: one version for all, and each names the others at
// exactly that version. Bump with `npm version <v> -ws --no-git-tag-version`, then the
// `@docker-wrapper/*` dependency lines; this test fails on any line left behind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T;

// Every way `manifests` disagree with the first one's version (pure).
export function versionMismatches(manifests: readonly Manifest[]): string[] {
  const version = manifests[0]?.version;
  const names = new Set(manifests.map((manifest) => manifest.name));
  return manifests.flatMap((manifest) => [
    ...(manifest.version === version ? [] : [`${manifest.name} is ${manifest.version}, ${manifests[0]!.name} is ${version}`]),
    ...(['dependencies', 'peerDependencies', 'devDependencies'] as const).flatMap((field) =>
      Object.entries(manifest[field] ?? {})
        .filter(([name, range]) => names.has(name) && range !== version)
        .map(([name, range]) => `${manifest.name} ${field} names ${name}@${range}, not ${version}`),
    ),
  ]);
}

const workspaces = read<{ workspaces: string[] }>('package.json').workspaces;
const manifests = workspaces.map((folder) => read<Manifest>(`${folder}/package.json`));

describe('package versions', () => {
  it('are one version, and every package names the others at exactly it', () => {
    expect(manifests).toHaveLength(5);
    expect(versionMismatches(manifests)).toEqual([]);
  });

  it('a package left behind, or a dependency line left behind, is found', () => {
    const [core, templates] = manifests as [Manifest, Manifest];
    expect(versionMismatches([{ ...core, version: '9.9.9' }, templates])).toEqual([
      `@docker-wrapper/templates is ${templates.version}, @docker-wrapper/core is 9.9.9`,
      `@docker-wrapper/templates dependencies names @docker-wrapper/core@${core.version}, not 9.9.9`,
    ]);
  });
});
