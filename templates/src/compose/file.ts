// Reads a compose file when `compose()` is called, so a missing file or YAML that does not parse
// fails before any docker process starts, naming the file.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidOptionError } from '@docker-wrapper/core';
import { parseDocument } from 'yaml';

export interface ComposeFile {
  /** Absolute path of the file. */
  path: string;
  /** Its folder: compose's project directory (relative paths, `.env`). */
  directory: string;
  /** The parsed document as plain data (anchors and merge keys resolved). */
  document: Record<string, unknown>;
  /** The services the file names, in file order. */
  services: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

// The parsed compose document of `text` (pure): throws naming `path` and the line of a YAML error.
export function parseComposeText(text: string, path: string): Omit<ComposeFile, 'directory'> {
  const parsed = parseDocument(text, { merge: true, prettyErrors: true });
  const [first] = parsed.errors;
  if (first) {
    const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
    throw new InvalidOptionError('compose(file)', path, `The file is not valid YAML${where}: ${first.message.split('\n')[0] ?? ''}`);
  }
  const document: unknown = parsed.toJS({ maxAliasCount: 1000 });
  if (!isObject(document) || !isObject(document.services) || Object.keys(document.services).length === 0) {
    throw new InvalidOptionError('compose(file)', path, 'Expected a compose file with a `services:` map naming at least one service.');
  }
  for (const [name, service] of Object.entries(document.services)) {
    if (!isObject(service)) throw new InvalidOptionError('compose(file)', path, `Service \`${name}\` is not a map of settings.`);
  }
  return { path, document, services: Object.keys(document.services) };
}

// Reads and parses the compose file at `file` (relative to the working directory).
export function readComposeFile(file: unknown): ComposeFile {
  if (typeof file !== 'string' || file === '') throw new InvalidOptionError('compose(file)', file, 'Expected the path of a compose file, like `./docker-compose.yml`.');
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'There is no such file' : code === 'EISDIR' ? 'It is a folder, not a file' : `It cannot be read (${code ?? String(error)})`;
    throw new InvalidOptionError('compose(file)', file, `${why}: ${path}.`);
  }
  return { ...parseComposeText(text, path), directory: dirname(path) };
}
