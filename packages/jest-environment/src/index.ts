// Public API of @docker-wrapper/jest (the config side). Most projects only name the preset,
// `preset: '@docker-wrapper/jest'`; these are two of the pieces it is made of, for use one by one.
// The environments (CommonJS) are `@docker-wrapper/jest/environment` and `.../environment-jsdom`;
// the test side is `@docker-wrapper/jest/runtime`.
export { default as globalSetup } from './global-setup.js';
export { default as globalTeardown } from './global-teardown.js';
export { readJestOptions } from './options.js';
export type { JestDockerWrapperOptions } from './options.js';
