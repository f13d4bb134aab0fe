import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canHashLocally, scramVerifier } from '../../src/postgres/scram.js';

interface Captured { verifiers: { password: string; rolpassword: string }[] }
const captured = JSON.parse(readFileSync(new URL('../fixtures/postgres/scram-verifiers.json', import.meta.url), 'utf8')) as Captured;

describe('SCRAM-SHA-256 verifiers', () => {
  it('match what Postgres stores for the same password and salt', async () => {
    for (const { password, rolpassword } of captured.verifiers) {
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(rolpassword) ?? [];
      expect(await scramVerifier(password, { salt: Buffer.from(salt ?? '', 'base64'), iterations: Number(iterations) })).toBe(rolpassword);
    }
  });

  it('get a fresh salt each time and never contain the password', async () => {
    const [a, b] = await Promise.all([scramVerifier('hunter2hunter2'), scramVerifier('hunter2hunter2')]);
    expect(a).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
  });

  it('are made here only for printable ASCII (SASLprep is the identity there)', () => {
    expect(canHashLocally('Abc-_.~ 123!"#')).toBe(true);
    expect(canHashLocally('pässwörd')).toBe(false);
    expect(canHashLocally('tab\there')).toBe(false);
  });
});
