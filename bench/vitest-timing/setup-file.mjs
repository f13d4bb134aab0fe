// Runs in the workers before each test file: when the file begins (after its worker started) and
// when its tests are done.
import { afterAll } from 'vitest';
import { logEvent } from './log.mjs';

logEvent('file-begin');
afterAll(() => logEvent('file-end'));
