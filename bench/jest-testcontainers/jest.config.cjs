// The testcontainers flavour of the Jest e2e suite for bench/jest.mjs: the e2e project's own test
// files, with this folder's global setup, teardown and services() stand-in.
const { join } = require('node:path');

const project = join(__dirname, '../../e2e/jest/project');

module.exports = {
  rootDir: project,
  testMatch: ['<rootDir>/tests/{users,cache}.spec.cjs', '<rootDir>/tests/{accounts,events}.spec.mjs'],
  transform: { '\\.ts$': '<rootDir>/ts-transform.cjs' },
  moduleNameMapper: { '^@docker-wrapper/jest/runtime$': join(__dirname, 'services.cjs') },
  globalSetup: join(__dirname, 'global-setup.mjs'),
  globalTeardown: join(__dirname, 'global-teardown.mjs'),
  testEnvironment: 'node',
  maxWorkers: 2,
  testTimeout: 60_000,
};
