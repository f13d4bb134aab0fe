// A failed test gets the services' diagnostics over its own time range as attachments: text for
// people (the HTML report shows it under the test), JSON for tools (the JSON reporter keeps both).
import type { TestInfo } from '@playwright/test';
import type { ServicesAccessor } from '@docker-wrapper/templates';

export const ATTACHMENT = 'docker-wrapper diagnostics';

// Failed or timed out against what the test expected; skipped and interrupted tests get nothing.
export function failedUnexpectedly(info: Pick<TestInfo, 'status' | 'expectedStatus'>): boolean {
  return info.status !== info.expectedStatus && (info.status === 'failed' || info.status === 'timedOut');
}

export async function attachDiagnostics(services: ServicesAccessor<Record<string, unknown>>, testInfo: TestInfo, since: number): Promise<void> {
  if (!failedUnexpectedly(testInfo)) return;
  const diagnostics = await services.diagnostics({ since, until: Date.now() }).catch((error: unknown) => ({
    text: `The diagnostics could not be read: ${error instanceof Error ? error.message : String(error)}`,
    reports: {},
  }));
  if (!diagnostics.text) return;
  await testInfo.attach(ATTACHMENT, { body: `The services during this test (docker-wrapper):\n${diagnostics.text}`, contentType: 'text/plain' });
  if (Object.keys(diagnostics.reports).length > 0) {
    await testInfo.attach(`${ATTACHMENT}.json`, { body: JSON.stringify(diagnostics.reports, null, 2), contentType: 'application/json' });
  }
}
