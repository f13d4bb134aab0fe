import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { normalizePostgresOptions } from '../../src/postgres/options.js';

const scripts = (initScripts: unknown[]) => normalizePostgresOptions({ initScripts: initScripts as never }).initScripts;

describe('postgres init scripts', () => {
  it('reads a file: URL, e.g. one next to the calling module', () => {
    const [script] = scripts([new URL('../fixtures/postgres/schema.sql', import.meta.url)]);
    expect(script?.name).toBe('001-schema.sql');
    expect(script?.content.toString()).toBe('CREATE TABLE from_url (id int);\n');
  });

  it('resolves a relative path against the current folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-init-'));
    await writeFile(join(dir, 'a.sql'), 'SELECT 1;');
    const [first, second] = scripts([relative(process.cwd(), join(dir, 'a.sql')), pathToFileURL(join(dir, 'a.sql'))]);
    expect(first?.name).toBe('001-a.sql');
    expect(second?.name).toBe('002-a.sql');
    expect(second?.content.toString()).toBe('SELECT 1;');
  });

  it('a missing relative file names the option, the value given and the absolute path tried', () => {
    let error: unknown;
    try {
      scripts([{ sql: 'SELECT 1;' }, './db/schema.sql']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid `postgres.initScripts[1]`: "./db/schema.sql". No such file: ' + resolve('db/schema.sql'));
    expect(message).toContain(`resolved against the current folder, ${process.cwd()}`);
    expect(message).toContain("new URL('./schema.sql', import.meta.url)");
  });

  it('a missing file: URL names the URL and the path tried', () => {
    const url = new URL('../fixtures/postgres/missing.sql', import.meta.url);
    expect(() => scripts([url])).toThrow(`Invalid \`postgres.initScripts[0]\`: ${JSON.stringify(url.href)}. No such file: ${fileURLToPath(url)}.`);
  });

  it.each([
    ['a URL that is not a file: URL', new URL('https://example.com/schema.sql'), /`postgres.initScripts\[0\]`: "https:\/\/example.com\/schema.sql". Expected a `file:` URL/],
    ['a file of another kind', new URL('../fixtures/start-service.mjs', import.meta.url), /Expected a `.sql`, `.sql.gz` or `.sh` file/],
    ['a number', 42, /`postgres.initScripts\[0\]`: 42. Expected a file path, a `file:` URL or `\{ sql: "..." \}`/],
  ])('rejects %s', (_what, script, message) => {
    expect(() => scripts([script])).toThrow(message);
  });

  it('rejects a folder with a script-like name as not a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-init-'));
    const folder = join(dir, 'looks-like.sql');
    await mkdir(folder);
    expect(() => scripts([folder])).toThrow(`Expected a file, not a folder: ${folder}.`);
  });
});
