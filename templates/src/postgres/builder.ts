// The Postgres container both start paths share: data outside the image's declared volume (so a
// commit keeps it), server settings as `-c` flags, the password marked secret.
import { ContainerBuilder } from '@docker-wrapper/core';
import type { NormalizedPostgresOptions } from './options.js';

export const DATA_DIR = '/var/lib/postgresql/dw-data';

export function baseBuilder(image: string, options: NormalizedPostgresOptions, password: string): ContainerBuilder {
  const flags = Object.entries(options.settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  let builder = new ContainerBuilder(image)
    .env({ POSTGRES_USER: options.user, POSTGRES_DB: options.database, PGDATA: DATA_DIR })
    .env('POSTGRES_PASSWORD', password, { secret: true })
    .port(5432)
    .command(['postgres', ...flags]);
  if (options.startupTimeout !== undefined) builder = builder.startupTimeout(options.startupTimeout);
  if (options.pull) builder = builder.pull(options.pull);
  return builder;
}
