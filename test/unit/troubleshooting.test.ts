// docs/troubleshooting.md has a section for every error code, and none for a code that is gone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// The members of `export type ErrorCode = | 'A' | 'B' ...;` in errors.ts (pure).
export function errorCodes(source: string): string[] {
  const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]!);
}

// The codes the page has a `### \`CODE\`` section for (pure).
export function documentedCodes(markdown: string): string[] {
  return [...markdown.matchAll(/^### `([A-Z_]+)`$/gm)].map((match) => match[1]!);
}

describe('docs/troubleshooting.md', () => {
  const codes = errorCodes(read('packages/core/src/errors.ts'));
  const documented = documentedCodes(read('docs/troubleshooting.md'));

  it('reads the codes from errors.ts', () => {
    expect(codes).toContain('DOCKER_NOT_FOUND');
    expect(codes.length).toBeGreaterThanOrEqual(19);
  });

  it('has a section for every error code, and none for a code that does not exist', () => {
    expect(codes.filter((code) => !documented.includes(code))).toEqual([]);
    expect(documented.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('a code without a section is found', () => {
    const missing = [...codes, 'NEW_CODE'].filter((code) => !documented.includes(code));
    expect(missing).toEqual(['NEW_CODE']);
  });
});
