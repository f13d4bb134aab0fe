// Public API of @docker-wrapper/templates.
export { postgres } from './postgres/template.js';
export type { PostgresOptions, InitScript } from './postgres/options.js';
export { PostgresService } from './postgres/service.js';
export type { PostgresConnection } from './postgres/service.js';
export { prune, REUSE_LABEL, CACHE_LABEL } from './reuse.js';
export type { PruneOptions, PruneResult } from './reuse.js';
export { BYO_ENV } from './bring-your-own.js';
export type { Template, Service, CommonOptions, StartOptions, ConnectionOf } from './template.js';
export { redis } from './redis/template.js';
export type { RedisOptions } from './redis/template.js';
export { RedisService } from './redis/service.js';
export type { RedisConnection } from './redis/service.js';
export { startServices } from './orchestrate.js';
export type { Environment, TemplateMap, ServicesOf, ConnectionsOf } from './orchestrate.js';
