// Vitest setup file (added by the plugin): a failed test gets the services' diagnostics for its
// own time range, as one more entry of its errors (so every reporter prints it with the failure:
// the default one under the test, the JSON one in `failureMessages`) and as data in its meta.
// Annotations cannot serve: Vitest refuses them once a test has failed. This hook runs as the
// last afterEach (hooks run as a stack), so it also sees failures of the user's own afterEach.
import { afterEach, beforeEach, inject } from 'vitest';
import type { DiagnosticsReport } from '@docker-wrapper/core';
import { RunClient } from '@docker-wrapper/templates/worker';
import { PROVIDE_KEY } from './provide-key.js';

declare module 'vitest' {
  interface TaskMeta {
    /** The services' diagnostics of a failed test, by service. */
    dockerWrapper?: { diagnostics: Record<string, DiagnosticsReport> };
  }
}

const started = new WeakMap<object, number>();

beforeEach((context) => {
  started.set(context.task, Date.now());
});

afterEach(async (context) => {
  const handle = inject(PROVIDE_KEY);
  if (!handle || context.task.result?.state !== 'fail') return;
  const since = started.get(context.task);
  const diagnostics = await new RunClient(handle).diagnostics({ ...(since !== undefined ? { since } : {}), until: Date.now() }).catch((error: unknown) => ({
    text: `docker-wrapper: the diagnostics could not be read: ${error instanceof Error ? error.message : String(error)}`,
    reports: {},
  }));
  if (!diagnostics.text) return;
  context.task.meta.dockerWrapper = { diagnostics: diagnostics.reports };
  const message = `The services during this test (docker-wrapper):\n${diagnostics.text}`;
  context.task.result.errors = [...(context.task.result.errors ?? []), { name: 'DockerWrapperDiagnostics', message, stack: '' }];
});
