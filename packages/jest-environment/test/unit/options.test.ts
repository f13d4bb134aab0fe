// The preset's options under `testEnvironmentOptions.dockerWrapper`: checked in the global setup,
// before any docker process; other environments' options around them are left alone.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { readJestOptions } from '../../src/options.js';

function refusal(options: Record<string, unknown>): InvalidOptionError {
  try {
    readJestOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error(`${JSON.stringify(options)} was accepted`);
}

describe('readJestOptions()', () => {
  it('reads the config path, and nothing when there are no options', () => {
    expect(readJestOptions({ dockerWrapper: { config: './docker-wrapper.config.mjs' } })).toEqual({ config: './docker-wrapper.config.mjs' });
    expect(readJestOptions({ dockerWrapper: {} })).toEqual({});
    expect(readJestOptions(undefined)).toEqual({});
  });

  it('leaves other environments\' options alone', () => {
    expect(readJestOptions({ customExportConditions: ['node'], url: 'http://localhost/', html: '<p></p>', dockerWrapper: {} })).toEqual({});
  });

  it.each([
    ['an unknown option, with the closest known one', { dockerWrapper: { confg: './x.mjs' } }, 'testEnvironmentOptions.dockerWrapper.confg', /"\.\/x\.mjs"\. The Jest preset has no such option\. Did you mean `config`\? Known options: config/],
    ['services given inline', { dockerWrapper: { services: {} } }, 'testEnvironmentOptions.dockerWrapper.services', /the services go in the config file/],
    ['options that are not an object', { dockerWrapper: './x.mjs' }, 'testEnvironmentOptions.dockerWrapper', /Expected an object like `\{ config: "\.\/docker-wrapper\.config\.mjs" \}`/],
    ['an empty config path', { dockerWrapper: { config: '' } }, 'testEnvironmentOptions.dockerWrapper.config', /Expected the path of a docker-wrapper config file/],
    ['a config path that is not a string', { dockerWrapper: { config: 3 } }, 'testEnvironmentOptions.dockerWrapper.config', /: 3\. Expected the path/],
    ['a misspelt `dockerWrapper`', { dockerwrapper: { config: './x.mjs' } }, 'testEnvironmentOptions.dockerwrapper', /Did you mean `dockerWrapper`\?/],
    ['`dockerWrapper` with a typo', { dockerWraper: {} }, 'testEnvironmentOptions.dockerWraper', /Did you mean `dockerWrapper`\?/],
  ])('refuses %s, naming it', (_, options, option, message) => {
    const error = refusal(options);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });
});
