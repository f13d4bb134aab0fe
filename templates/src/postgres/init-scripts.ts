// Init scripts: files (a path, relative to the current folder, or a `file:` URL) or inline SQL,
// read when the template is made and named for their place in /docker-entrypoint-initdb.d.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '@docker-wrapper/core';

/** A file path (relative to the current folder), a `file:` URL, or inline SQL. */
export type InitScript = string | URL | { sql: string; name?: string };

export interface ScriptFile {
  /** The file name in /docker-entrypoint-initdb.d: the order, then the source's name. */
  name: string;
  content: Buffer;
  /** The absolute path it was read from (a file script). */
  source?: string;
}

// The absolute path a file script names (pure apart from the current folder).
function scriptPath(option: string, script: string | URL): string {
  if (typeof script === 'string') return resolve(script);
  if (script.protocol !== 'file:') throw new InvalidOptionError(option, script.href, "Expected a `file:` URL, like `new URL('./schema.sql', import.meta.url)`.");
  return fileURLToPath(script);
}

// Reads a file script; a missing one names the option, the value given and the path tried.
function readScript(option: string, script: string | URL): Buffer {
  const given = typeof script === 'string' ? script : script.href;
  const path = scriptPath(option, script);
  if (!/\.(sql|sql\.gz|sh)$/.test(path)) throw new InvalidOptionError(option, given, 'Expected a `.sql`, `.sql.gz` or `.sh` file.');
  const relative = typeof script === 'string' && !isAbsolute(script)
    ? ` (a relative path is resolved against the current folder, ${process.cwd()}; for a file next to your code, give \`new URL('./${basename(path)}', import.meta.url)\`)`
    : '';
  let stats: Stats | undefined;
  try {
    stats = statSync(path);
  } catch {
    stats = undefined;
  }
  if (!stats?.isFile()) throw new InvalidOptionError(option, given, `${stats ? 'Expected a file, not a folder' : 'No such file'}: ${path}${relative}.`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InvalidOptionError(option, given, `Could not read ${path}: ${(error as Error).message}.`);
  }
}

// One init script as the file it becomes (index: its place in `initScripts`).
export function initScript(script: unknown, index: number): ScriptFile {
  const option = `postgres.initScripts[${index}]`;
  const order = String(index + 1).padStart(3, '0');
  if (typeof script === 'string' || script instanceof URL) {
    const content = readScript(option, script);
    const source = scriptPath(option, script);
    return { name: `${order}-${basename(source)}`, content, source };
  }
  if (script && typeof script === 'object' && typeof (script as { sql?: unknown }).sql === 'string') {
    const name = (script as { name?: unknown }).name;
    if (name !== undefined && (typeof name !== 'string' || !/^[\w.-]+$/.test(name))) throw new InvalidOptionError(`${option}.name`, name, 'Expected letters, digits, `_`, `.` or `-`.');
    return { name: `${order}-${name ?? 'inline'}.sql`, content: Buffer.from((script as { sql: string }).sql) };
  }
  throw new InvalidOptionError(option, script, 'Expected a file path, a `file:` URL or `{ sql: "..." }`.');
}
