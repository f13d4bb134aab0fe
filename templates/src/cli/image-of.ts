// The image a configured service runs, before substitution, read from its template without
// starting anything (for `up`'s progress and `doctor`).
import { GenericTemplate } from '../generic/template.js';
import { DEFAULT_VERSION as KAFKA_VERSION } from '../kafka/options.js';
import type { TemplateMap } from '../orchestrate.js';

const DEFAULTS: Record<string, (version: string | undefined) => string> = {
  postgres: (version) => `postgres:${version ?? '17'}`,
  redis: (version) => `redis:${version ?? '7'}`,
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
