// Reads captured docker output from test/fixtures (see test/fixtures/README.md for how each was made).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

// The text of one fixture, by its path under test/fixtures.
export function fixture(path: string): string {
  return readFileSync(`${root}${path}`, 'utf8');
}

// The file names in one fixture folder.
export function fixtureNames(folder: string): string[] {
  return readdirSync(`${root}${folder}`).sort();
}

// Both CLIs' captures of the same output: `[['cli20', text], ['cli28', text]]`.
export function bothClis(stem: string): [string, string][] {
  return (['cli20', 'cli28'] as const).map((cli) => [cli, fixture(stem.replace('{cli}', cli))]);
}
