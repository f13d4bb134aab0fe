// Checks of a run's service map, made before any docker process starts.
import { InvalidOptionError } from '@docker-wrapper/core';
import type { TemplateMap } from '../orchestrate.js';

// A map of names to templates (`{ db: postgres(), cache: redis() }`).
export function validateTemplateMap(option: string, value: unknown): TemplateMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidOptionError(option, value, 'Expected an object of names to templates, like `{ db: postgres(), cache: redis() }`.');
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw new InvalidOptionError(option, value, 'Expected at least one service, like `{ db: postgres() }`.');
  for (const [name, template] of entries) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_-]{0,62}$/.test(name)) {
      throw new InvalidOptionError(`${option}.${name}`, name, 'Expected a service name of letters, digits, `_` and `-` (at most 63), starting with a letter or `_`.');
    }
    if (typeof template === 'function') {
      throw new InvalidOptionError(`${option}.${name}`, template, `Expected a template, got a function: call it, like \`${name}: ${template.name || 'postgres'}()\`.`);
    }
    const t = template as { kind?: unknown; start?: unknown } | null;
    if (t === null || typeof t !== 'object' || typeof t.kind !== 'string' || typeof t.start !== 'function') {
      throw new InvalidOptionError(`${option}.${name}`, template, 'Expected a template such as `postgres()`, `redis()` or `kafka()` from @docker-wrapper/templates (an object with `kind` and `start()`).');
    }
  }
  return value as TemplateMap;
}
