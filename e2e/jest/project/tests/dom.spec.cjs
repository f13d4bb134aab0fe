/**
 * @jest-environment ./custom-environment.cjs
 */
// A test file on a user's own environment, which extends the jsdom one of the package.
/* global document */
const { services } = require('@docker-wrapper/jest/runtime');
const { record } = require('../record.cjs');

test('runs in jsdom with the services at hand', async () => {
  expect(document.createElement('div').tagName).toBe('DIV');
  expect(globalThis.fromCustomEnvironment).toBe('jsdom');
  expect(services().db.url).toMatch(/^postgres:\/\//);
  await record('dom');
});
