// The run of this Jest process, shared by the global setup (which Jest calls again on every watch
// cycle) and the global teardown. Jest hands nothing from one to the other but globalThis (its
// documented way), so the run lives there under a registered symbol: the one process-wide state
// of this package, and on purpose.
import type { Run, TemplateMap } from '@docker-wrapper/templates';

interface Slot {
  /** What the run was started from (the config file): the same key reuses it. */
  key: string;
  run: Promise<Run<TemplateMap>>;
}

const SLOT = Symbol.for('@docker-wrapper/jest:run');
const holder = globalThis as unknown as Record<symbol, Slot | undefined>;

// The run for `key`: the one already started (a watch re-run), else a new one (stopping one
// started from another key). A failed start is forgotten, so the next cycle tries again.
export async function acquireRun(key: string, start: () => Promise<Run<TemplateMap>>): Promise<Run<TemplateMap>> {
  const slot = holder[SLOT];
  if (slot?.key === key) return slot.run;
  if (slot) await releaseRun();
  const run = start();
  holder[SLOT] = { key, run };
  run.catch(() => {
    if (holder[SLOT]?.run === run) holder[SLOT] = undefined;
  });
  return run;
}

// Stops the run of this process, if any; safe to call twice.
export async function releaseRun(): Promise<void> {
  const slot = holder[SLOT];
  holder[SLOT] = undefined;
  const run = await slot?.run.catch(() => undefined);
  await run?.stop();
}
