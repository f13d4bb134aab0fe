// A run's `reuse` option: the same templates with `reuse` set, made anew from their options (the
// user's templates are not changed).
import { InvalidOptionError } from '@docker-wrapper/core';
import { GenericTemplate, service } from '../generic/template.js';
import { kafka } from '../kafka/template.js';
import type { TemplateMap } from '../orchestrate.js';
import { postgres } from '../postgres/template.js';
import { redis } from '../redis/template.js';

const FACTORIES: Record<string, (options: object) => TemplateMap[string]> = {
  postgres: (options) => postgres(options),
  redis: (options) => redis(options),
  kafka: (options) => kafka(options),
};

export function withReuse<M extends TemplateMap>(templates: M, reuse: boolean): M {
  return Object.fromEntries(Object.entries(templates).map(([name, template]) => {
    // Reuse is off unless a template asks for it: nothing to remake when it already matches.
    if (((template.options as { reuse?: unknown }).reuse ?? false) === reuse) return [name, template];
    // A compose stack is its own project per start: there is nothing to reuse.
    if (template.kind === 'compose') return [name, template];
    if (template instanceof GenericTemplate) return [name, service(template.builder, { ...template.options, reuse })];
    const factory = FACTORIES[template.kind];
    if (!factory) throw new InvalidOptionError('reuse', reuse, `Service \`${name}\` (${template.kind}) is not a postgres(), redis(), kafka() or service() template: set reuse in its own options instead.`);
    return [name, factory({ ...template.options, reuse })];
  })) as M;
}
