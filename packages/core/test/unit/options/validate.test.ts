import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import {
  parseMemorySize, validateArgv, validateContainerPath, validateDuration, validateEnvKey, validateInteger, validateLabelKey,
  validateName, validatePort, validateValue,
} from '../../../src/options/validate.js';

// Asserts `fn` throws an InvalidOptionError naming `option` in backticks and showing `shown`.
function expectInvalid(fn: () => unknown, option: string, shown: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect(error).toBeInstanceOf(TypeError);
  const invalid = error as InvalidOptionError;
  expect(invalid.code).toBe('INVALID_OPTION');
  expect(invalid.option).toBe(option);
  expect(invalid.message).toContain(`\`${option}\``);
  expect(invalid.message).toContain(shown);
}

describe('validators: good values pass through', () => {
  it('returns what it was given', () => {
    expect(validateName('name', 'db-1.test_x')).toBe('db-1.test_x');
    expect(validateValue('env.A', '--privileged')).toBe('--privileged');
    expect(validateEnvKey('env', 'PATH_2')).toBe('PATH_2');
    expect(validateLabelKey('label', 'org.example/role')).toBe('org.example/role');
    expect(validatePort('port', 1)).toBe(1);
    expect(validatePort('port', 65535)).toBe(65535);
    expect(validateContainerPath('volume target', '/data')).toBe('/data');
    expect(validateDuration('startupTimeout', 0)).toBe(0);
    expect(validateInteger('retries', 3, 1, 5)).toBe(3);
    const argv = ['a', '--b'];
    const copy = validateArgv('command', argv);
    expect(copy).toEqual(argv);
    expect(copy).not.toBe(argv);
    expect(validateArgv('command', [], { allowEmpty: true })).toEqual([]);
  });
});

describe('validators: bad values name the option and show the value', () => {
  it.each([
    ['name with a space', () => validateName('name', 'my db'), 'name', '"my db"'],
    ['name with a leading dash', () => validateName('name', '--rm'), 'name', '"--rm"'],
    ['non-string value', () => validateValue('env.A', 1), 'env.A', '1'],
    ['env key with =', () => validateEnvKey('env', 'A=B'), 'env', '"A=B"'],
    ['empty env key', () => validateEnvKey('env', ''), 'env', '""'],
    ['env key with a space', () => validateEnvKey('env', 'A B'), 'env', '"A B"'],
    ['empty label key', () => validateLabelKey('label', ''), 'label', '""'],
    ['blank label key', () => validateLabelKey('label', '  '), 'label', '"  "'],
    ['label key with =', () => validateLabelKey('label', 'a=b'), 'label', '"a=b"'],
    ['port 0', () => validatePort('port', 0), 'port', '0'],
    ['port 65536', () => validatePort('port', 65536), 'port', '65536'],
    ['negative port', () => validatePort('port', -1), 'port', '-1'],
    ['fractional port', () => validatePort('port', 80.5), 'port', '80.5'],
    ['port as a string', () => validatePort('port', '80'), 'port', '"80"'],
    ['relative container path', () => validateContainerPath('workdir', 'data'), 'workdir', '"data"'],
    ['negative duration', () => validateDuration('startupTimeout', -1), 'startupTimeout', '-1'],
    ['infinite duration', () => validateDuration('startupTimeout', Infinity), 'startupTimeout', 'Infinity'],
    ['integer below min', () => validateInteger('retries', 0, 1), 'retries', '0'],
    ['integer above max', () => validateInteger('mode', 0o10000, 0, 0o7777), 'mode', '4096'],
    ['argv that is a string', () => validateArgv('command', 'ls -l'), 'command', '"ls -l"'],
    ['argv with a number', () => validateArgv('command', ['ls', 1]), 'command', '["ls",1]'],
    ['empty argv', () => validateArgv('entrypoint', []), 'entrypoint', '[]'],
  ])('%s', (_why, fn, option, shown) => {
    expectInvalid(fn, option, shown);
  });

  it('shortens long values', () => {
    expectInvalid(() => validateName('name', 'x '.repeat(200)), 'name', '..."');
  });
});

describe('parseMemorySize', () => {
  it.each([
    ['256m', 256 * 1024 ** 2],
    ['256M', 256 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['64k', 64 * 1024],
    ['1t', 1024 ** 4],
    ['1024', 1024],
    ['100b', 100],
    [' 2g ', 2 * 1024 ** 3],
    [4096, 4096],
  ] as const)('%j -> %d bytes', (input, bytes) => {
    expect(parseMemorySize('memoryLimit', input)).toBe(bytes);
  });

  it.each([
    ['lots', '"lots"'],
    ['256q', '"256q"'],
    ['-1m', '"-1m"'],
    ['0', '"0"'],
    ['0m', '"0m"'],
    ['', '""'],
    ['1.5.2g', '"1.5.2g"'],
    [0, '0'],
    [-5, '-5'],
    [1.5, '1.5'],
    [NaN, 'NaN'],
  ] as const)('rejects %j', (input, shown) => {
    expectInvalid(() => parseMemorySize('memoryLimit', input), 'memoryLimit', shown);
  });
});
