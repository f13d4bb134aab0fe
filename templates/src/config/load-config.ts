// Loads a docker-wrapper config file (the Jest preset's, the command line's): the path given or
// the nearest one found, imported by Node (a `.ts` file through Node's own type stripping), then
// checked. Every error names the file, and the option at fault.
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidOptionError } from '@docker-wrapper/core';
import type { TemplateMap } from '../orchestrate.js';
import { ConfigError } from './config-error.js';
import { validateConfig, type DockerWrapperConfig } from './define-config.js';
import { CONFIG_FILE_NAMES, existingFile, findConfigFile } from './find-config.js';

export interface LoadConfigOptions {
  /** The file, absolute or relative to `cwd`; by default the nearest one from `cwd` up. */
  file?: string;
  /** Where relative paths and the search start (default: process.cwd()). */
  cwd?: string;
  /** What to call the `file` option in errors (default `config`), e.g. the Jest option's path. */
  option?: string;
}

export interface LoadedConfig<M extends TemplateMap = TemplateMap> {
  /** The absolute path of the file read. */
  file: string;
  config: DockerWrapperConfig<M>;
}

const EXAMPLE = "import { defineConfig, postgres } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { db: postgres() } });";

// Finds (or takes), imports and checks a config file.
export async function loadConfig<M extends TemplateMap = TemplateMap>(options: LoadConfigOptions = {}): Promise<LoadedConfig<M>> {
  const cwd = options.cwd ?? process.cwd();
  const file = locate(options, cwd);
  const exported = await importDefault(file);
  try {
    return { file, config: validateConfig(exported as DockerWrapperConfig<M>) };
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw new ConfigError(file, `${file}: ${error.message}`, { option: error.option, cause: error });
  }
}

function locate(options: LoadConfigOptions, cwd: string): string {
  const option = options.option ?? 'config';
  if (options.file !== undefined) {
    if (typeof options.file !== 'string' || options.file === '') throw new InvalidOptionError(option, options.file, 'Expected the path of a docker-wrapper config file.');
    const { file, exists } = existingFile(options.file, cwd);
    if (!exists) throw new ConfigError(file, `No docker-wrapper config at ${file} (from \`${option}\`: ${JSON.stringify(options.file)}, relative to ${cwd}). Create it, for example:\n${EXAMPLE}`, { option });
    return file;
  }
  const { file, searched } = findConfigFile(cwd);
  if (file) return file;
  throw new ConfigError(cwd, `No docker-wrapper config found: none of ${CONFIG_FILE_NAMES.join(', ')} in ${searched[0]} or a folder above it. Create ${searched[0]}/docker-wrapper.config.mjs, for example:\n${EXAMPLE}\nor name the file with \`${option}\`.`, { option });
}

async function importDefault(file: string): Promise<unknown> {
  if (/\.[mc]?ts$/.test(file) && !(process.features as { typescript?: unknown }).typescript) {
    throw new ConfigError(file, `${file}: this Node.js (${process.version}) cannot load TypeScript by itself. Use Node.js 22.18 or later (type stripping is on by default there), or write the config as docker-wrapper.config.mjs.`);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(file, `${file} could not be loaded: ${error instanceof Error ? error.message : String(error)}${hint(error, file)}`, { cause: error });
  }
  if (module.default === undefined) {
    throw new ConfigError(file, `${file} has no default export. Export the config: \`export default defineConfig({ services: { ... } })\` (or \`module.exports = ...\` in CommonJS).`);
  }
  return module.default;
}

// A likely fix for a load error that Node explains only in its own terms.
function hint(error: unknown, file: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  const url = (error as { url?: unknown } | null)?.url;
  if (code === 'ERR_MODULE_NOT_FOUND' && typeof url === 'string' && url.startsWith('file:') && url.endsWith('.js')) {
    const missing = fileURLToPath(url);
    const typescript = missing.replace(/\.js$/, '.ts');
    if (existsSync(typescript)) return `\nNode.js loads TypeScript files by their own name: import ./${basename(typescript)} (in ${dirname(missing)}) with its .ts extension (tsconfig: "allowImportingTsExtensions" or "rewriteRelativeImportExtensions").`;
  }
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') return `\nNode.js only strips types: enums, namespaces and parameter properties need compiling; keep ${basename(file)} to plain types or write it as .mjs.`;
  return '';
}
