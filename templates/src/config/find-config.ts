// Where a config file is: the one named, or the nearest `docker-wrapper.config.*` from a folder up.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The names looked for in each folder, in this order. */
export const CONFIG_FILE_NAMES = ['ts', 'mts', 'mjs', 'js', 'cjs'].map((ext) => `docker-wrapper.config.${ext}`);

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

// The first config file in `from` or a folder above it, with the folders looked in.
export function findConfigFile(from: string): { file: string | undefined; searched: string[] } {
  const searched: string[] = [];
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    searched.push(dir);
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).find(isFile);
    if (found) return { file: found, searched };
    if (dirname(dir) === dir) return { file: undefined, searched };
  }
}

// An explicit path, resolved against `cwd`; undefined when it is not a file.
export function existingFile(path: string, cwd: string): { file: string; exists: boolean } {
  const file = resolve(cwd, path);
  return { file, exists: isFile(file) };
}
