// The e2e project's Jest config (CommonJS): the preset starts the services of the config file
// once for the run. Variants for the outer e2e test come from E2E_* variables.
const variant = process.env.E2E_VARIANT;

const testMatch = ['<rootDir>/tests/**/*.spec.{cjs,mjs,ts}'];
if (process.env.E2E_FAILING === '1') testMatch.push('<rootDir>/failing/**/*.spec.cjs');
if (process.env.E2E_SLOW === '1') testMatch.push('<rootDir>/slow/**/*.spec.cjs');

const dockerWrapper = { config: process.env.E2E_CONFIG ?? './docker-wrapper.config.mjs' };
if (variant === 'bad-option') dockerWrapper.confg = dockerWrapper.config;
if (variant === 'missing-config') dockerWrapper.config = './missing/docker-wrapper.config.mjs';

module.exports = {
  preset: '@docker-wrapper/jest',
  rootDir: __dirname,
  testMatch,
  transform: { '\\.ts$': '<rootDir>/ts-transform.cjs' },
  maxWorkers: 2,
  testTimeout: 60_000,
  testEnvironmentOptions: { dockerWrapper },
};
