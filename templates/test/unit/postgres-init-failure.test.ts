import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initScriptFailure } from '../../src/postgres/init-failure.js';

// `docker logs` of the postgres stand-in (captured): a .sql script with a syntax error, a .sh
// script that fails, and a clean initialisation.
const log = (name: string) => readFileSync(new URL(`../fixtures/postgres/${name}`, import.meta.url), 'utf8').split('\n');

describe('initScriptFailure', () => {
  it('names a failed .sql script and the error line psql printed for it', () => {
    expect(initScriptFailure(log('init-sql-failure.log'))).toBe(
      'init script 002-broken.sql failed: psql:/docker-entrypoint-initdb.d/002-broken.sql:1: ERROR:  syntax error at or near "SELEC"',
    );
  });

  it('names a failed shell script and its last output line', () => {
    expect(initScriptFailure(log('init-sh-failure.log'))).toBe("init script 001-fails.sh failed: ls: cannot access '/nope': No such file or directory");
  });

  it('reads the official image\'s announcements too', () => {
    const official = log('init-sql-failure.log').map((line) => line.replace(/^docker-entrypoint: /, '/usr/local/bin/docker-entrypoint.sh: '));
    expect(initScriptFailure(official)).toMatch(/^init script 002-broken.sql failed: psql:/);
  });

  it('names the script from psql\'s error line when its announcement is out of the lines kept', () => {
    const lines = log('init-sql-failure.log');
    const kept = lines.slice(lines.findIndex((line) => line.startsWith('psql:')));
    expect(initScriptFailure(kept)).toMatch(/^init script 002-broken.sql failed: psql:\/docker-entrypoint-initdb.d\/002-broken.sql:1: ERROR: /);
  });

  it('says nothing once the scripts are past, or when none ran', () => {
    expect(initScriptFailure(log('init-success.log'))).toBeUndefined();
    expect(initScriptFailure(log('init-success.log').filter((line) => !line.includes('running')))).toBeUndefined();
    expect(initScriptFailure([])).toBeUndefined();
  });
});
