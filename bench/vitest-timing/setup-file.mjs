// Runs in the workers before each test file: when the file begins (after its worker started), when
// the services' runtime has loaded, when the file is collected (its top-level isolation awaited)
// and when its tests are done.
import { afterAll, beforeAll } from 'vitest';
import { logEvent } from './log.mjs';

logEvent('file-begin');
await import('@docker-wrapper/vitest/runtime');
logEvent('runtime-ready');
beforeAll(() => logEvent('collected'));
afterAll(() => logEvent('file-end'));
