// One run per service definition in the Vitest process, shared by every project that names it.
// Vitest evaluates each project's global setup in a fresh module instance, so the table lives on
// globalThis under a registered symbol: the one process-wide state of this package, and on
// purpose (it is what makes "several projects, one set of containers" work).
import { createHash } from 'node:crypto';
import type { Run, TemplateMap } from '@docker-wrapper/templates';

interface Entry {
  refs: number;
  run: Promise<Run<TemplateMap>>;
}

const TABLE = Symbol.for('@docker-wrapper/vitest:runs');

function table(): Map<string, Entry> {
  const holder = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
  holder[TABLE] ??= new Map();
  return holder[TABLE];
}

// Starts the run for `key` or joins the one already started; release() stops it after the last.
export async function acquireRun(key: string, start: () => Promise<Run<TemplateMap>>): Promise<{ run: Run<TemplateMap>; release: () => Promise<void> }> {
  const runs = table();
  let entry = runs.get(key);
  if (!entry) {
    entry = { refs: 0, run: start() };
    runs.set(key, entry);
    entry.run.catch(() => runs.delete(key));
  }
  entry.refs++;
  const current = entry;
  const run = await current.run;
  let released = false;
  return {
    run,
    async release() {
      if (released) return;
      released = true;
      current.refs--;
      if (current.refs > 0) return;
      runs.delete(key);
      await run.stop();
    },
  };
}

// A key equal for equal definitions, whichever plugin instance or module instance made them.
export function definitionKey(value: unknown): string {
  return createHash('sha256').update(stable(value)).digest('hex').slice(0, 24);
}

function stable(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `fn:${value.toString()}`;
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (value instanceof URL) return `url:${value.href}`;
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `bytes:${createHash('sha256').update(value).digest('hex')}`;
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const object = value as Record<string, unknown>;
  const own = Object.keys(object).sort().map((key) => `${JSON.stringify(key)}:${stable(object[key])}`);
  // A template's own keys are `kind` and `options`; a service() also starts its builder, which it
  // shows only through a getter: its spec counts too (the wait strategy by its description, as it
  // keeps what it last saw).
  const builder = (object as { builder?: { spec?: { wait?: { description?: string } } } }).builder;
  if (builder?.spec) own.push(`builder:${stable({ ...builder.spec, wait: builder.spec.wait?.description ?? null })}`);
  return `{${own.join(',')}}`;
}
