import { describe, expect, it } from 'vitest';
import type { TestInfo } from '@playwright/test';
import { failedUnexpectedly } from '../../src/diagnostics.js';

type Status = NonNullable<TestInfo['status']>;

describe('failedUnexpectedly', () => {
  it('is true only for a failure or a timeout the test did not expect', () => {
    const cases: Array<[Status, Status, boolean]> = [
      ['failed', 'passed', true],
      ['timedOut', 'passed', true],
      ['passed', 'passed', false],
      ['skipped', 'passed', false],
      ['interrupted', 'passed', false],
      ['failed', 'failed', false],
      ['passed', 'failed', false],
      ['timedOut', 'failed', true],
    ];
    for (const [status, expectedStatus, attached] of cases) expect(failedUnexpectedly({ status, expectedStatus }), `${status} when ${expectedStatus} was expected`).toBe(attached);
  });
});
