// Spare databases: CREATE DATABASE takes a few hundred ms here, so copies of the initialised
// database are made ahead of time (baked into the cached image, topped up in the background) and
// isolate() only renames one, which takes milliseconds.
import { randomBytes } from 'node:crypto';
import { ident, literal } from './sql.js';

/** The pristine copy of the initialised database that spares and isolated databases copy. */
export const TEMPLATE_SUFFIX = '_dw_template';
export const SPARE_INFIX = '_dw_spare_';
// One per worker of a typical parallel test run, so each can isolate() at once.
export const SPARES = 8;
/** The advisory lock (in the `postgres` database) that serialises every isolate() of a server. */
export const LOCK_ID = 727_272;

export function templateName(database: string): string {
  return database + TEMPLATE_SUFFIX;
}

// `count` new spares of `database`, as SQL (pure).
export function createSparesSql(database: string, count: number): string {
  return Array.from({ length: count }, () => `CREATE DATABASE ${ident(`${database}${SPARE_INFIX}${randomBytes(4).toString('hex')}`)} TEMPLATE ${ident(templateName(database))};`).join('\n');
}

// The template copy plus the first spares, as SQL (pure).
export function createTemplateSql(database: string, spares = SPARES): string {
  return [`CREATE DATABASE ${ident(templateName(database))} TEMPLATE ${ident(database)};`, createSparesSql(database, spares)].join('\n');
}

// A new database `name`, a copy of the pristine one (pure).
export function copySql(database: string, name: string): string {
  return `CREATE DATABASE ${ident(name)} TEMPLATE ${ident(templateName(database))};`;
}

// Gives `name` a database: nothing if it exists, else a renamed spare, else a fresh copy. Prints
// `claimed` when a spare was used. Serialised by an advisory lock (pure).
export function claimSql(database: string, name: string): string {
  const pattern = literal(`${database}${SPARE_INFIX}%`.replace(/_/g, '\\_'));
  return [
    `SELECT pg_advisory_lock(${LOCK_ID});`,
    `SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${literal(name)}) AS missing \\gset`,
    '\\if :missing',
    `SELECT coalesce((SELECT datname FROM pg_database WHERE datname LIKE ${pattern} ORDER BY datname LIMIT 1), '') AS spare \\gset`,
    "SELECT :'spare' <> '' AS have_spare \\gset",
    '\\if :have_spare',
    `ALTER DATABASE :"spare" RENAME TO ${ident(name)};`,
    "\\echo claimed",
    '\\else',
    copySql(database, name),
    '\\endif',
    '\\endif',
    `SELECT pg_advisory_unlock(${LOCK_ID});`,
  ].join('\n');
}
