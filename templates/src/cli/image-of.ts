// The image a configured service runs, before substitution, read from its template without
// starting anything (for `up`'s progress and `doctor`).
import { GenericTemplate } from '../generic/template.js';
import { DEFAULT_VERSION as KAFKA_VERSION } from '../kafka/options.js';
import type { TemplateMap } from '../orchestrate.js';
import { DEFAULT_VERSION as POSTGRES_VERSION } from '../postgres/options.js';
import { DEFAULT_VERSION as REDIS_VERSION } from '../redis/template.js';

const DEFAULTS: Record<string, (version: string | undefined) => string> = {
  postgres: (version) => `postgres:${version ?? POSTGRES_VERSION}`,
  redis: (version) => `redis:${version ?? REDIS_VERSION}`,
  kafka: (version) => `apache/kafka:${version ?? KAFKA_VERSION}`,
};

// The image reference of a template, or undefined for a template this does not know.
export function imageOf(template: TemplateMap[string]): string | undefined {
  if (template instanceof GenericTemplate) return template.builder.spec.image;
  const options = template.options as { image?: unknown; version?: unknown };
  if (typeof options.image === 'string') return options.image;
  const fallback = DEFAULTS[template.kind];
  return fallback ? fallback(typeof options.version === 'string' ? options.version : undefined) : undefined;
}
