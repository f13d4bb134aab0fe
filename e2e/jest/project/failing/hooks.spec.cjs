// Hooks that fail on purpose: an afterEach (its test gets the diagnostics) and an afterAll (the
// file gets them).
const { services } = require('@docker-wrapper/jest/runtime');

describe('an afterEach that fails', () => {
  afterEach(() => {
    throw new Error('afterEach broke');
  });

  test('passes by itself', () => {
    expect(services().cache.url).toMatch(/^redis:\/\//);
  });
});

afterAll(() => {
  throw new Error('afterAll broke');
});
