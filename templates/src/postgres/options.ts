// Postgres template options: plain data, checked when the template is made.
import { InvalidOptionError, validateImageReference } from '@docker-wrapper/core';
import {
  rejectUnknownOptions, validateBoolean, validateHostPort, validateIdentifier, validateOptionalString, validateTimeout, validateVersion,
} from '../options.js';
import type { CommonOptions } from '../template.js';
import { initScript, type InitScript, type ScriptFile } from './init-scripts.js';

export type { InitScript } from './init-scripts.js';

export interface PostgresOptions extends CommonOptions {
  /** Major (or full) version of the official image (default `17`). */
  version?: string;
  /** Default `test`. */
  user?: string;
  /** Random per start unless given. */
  password?: string;
  /** Default `test`. */
  database?: string;
  /**
   * Files (`.sql`, `.sql.gz`, `.sh`: paths relative to the current folder, or `file:` URLs such as
   * `new URL('./schema.sql', import.meta.url)`) or inline SQL, run in order when the database is
   * initialised.
   */
  initScripts?: InitScript[];
  /** `fsync=off`, `synchronous_commit=off`, `full_page_writes=off` for speed (default true). */
  fastSettings?: boolean;
  /** More server settings, passed as `-c key=value`. */
  settings?: Record<string, string | number | boolean>;
  /** Commit the initialised database into a local image and start later runs from it (default true). */
  cache?: boolean;
}

export interface NormalizedPostgresOptions {
  image: string;
  user: string;
  password: string | undefined;
  database: string;
  /** In order, with the file name each gets in /docker-entrypoint-initdb.d. */
  initScripts: ScriptFile[];
  settings: Record<string, string>;
  cache: boolean;
  reuse: boolean;
  startupTimeout: number | undefined;
  pull: CommonOptions['pull'];
  /** The host port asked for (undefined: one is picked at start). */
  hostPort: number | undefined;
}

/** The version of the official image when none is given. */
export const DEFAULT_VERSION = '17';

const KNOWN = ['version', 'image', 'user', 'password', 'database', 'initScripts', 'fastSettings', 'settings', 'cache', 'reuse', 'startupTimeout', 'pull', 'hostPort'] as const;
const FAST = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

// Checks every option and fills in the defaults; throws before anything starts.
export function normalizePostgresOptions(options: PostgresOptions): NormalizedPostgresOptions {
  rejectUnknownOptions('postgres', options, KNOWN);
  const version = validateVersion('postgres.version', options.version ?? DEFAULT_VERSION);
  const image = options.image !== undefined ? validateImageReference('postgres.image', options.image) : `postgres:${version}`;
  if (options.initScripts !== undefined && !Array.isArray(options.initScripts)) throw new InvalidOptionError('postgres.initScripts', options.initScripts, 'Expected an array.');
  if (options.settings !== undefined && (typeof options.settings !== 'object' || options.settings === null)) throw new InvalidOptionError('postgres.settings', options.settings, 'Expected an object of server settings.');
  const settings: Record<string, string> = validateBoolean('postgres.fastSettings', options.fastSettings, true) ? { ...FAST } : {};
  for (const [key, value] of Object.entries(options.settings ?? {})) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(key)) throw new InvalidOptionError(`postgres.settings`, key, 'Expected a setting name like `max_connections`.');
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new InvalidOptionError(`postgres.settings.${key}`, value, 'Expected a string, number or boolean.');
    // One `-c key=value` argument each: a line break or NUL would not stay one setting.
    if (/[\0\r\n]/.test(String(value))) throw new InvalidOptionError(`postgres.settings.${key}`, value, 'Expected a value on one line.');
    settings[key] = String(value);
  }
  if (options.pull !== undefined && !['missing', 'always', 'never'].includes(options.pull)) throw new InvalidOptionError('postgres.pull', options.pull, 'Expected `missing`, `always` or `never`.');
  return {
    image,
    user: validateIdentifier('postgres.user', options.user ?? 'test'),
    password: validateOptionalString('postgres.password', options.password),
    database: validateIdentifier('postgres.database', options.database ?? 'test'),
    initScripts: (options.initScripts ?? []).map(initScript),
    settings,
    cache: validateBoolean('postgres.cache', options.cache, true),
    reuse: validateBoolean('postgres.reuse', options.reuse, false),
    startupTimeout: validateTimeout('postgres.startupTimeout', options.startupTimeout),
    pull: options.pull,
    hostPort: validateHostPort('postgres.hostPort', options.hostPort),
  };
}
