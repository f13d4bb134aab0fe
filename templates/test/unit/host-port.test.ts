// The `hostPort` option every template takes: checked when the template is made.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { kafka, postgres, redis } from '@docker-wrapper/templates';
import { validateHostPort } from '../../src/options.js';

describe('hostPort', () => {
  it('takes whole numbers from 1 to 65535, and nothing for a picked port', () => {
    expect(validateHostPort('x.hostPort', 1)).toBe(1);
    expect(validateHostPort('x.hostPort', 65_535)).toBe(65_535);
    expect(validateHostPort('x.hostPort', undefined)).toBeUndefined();
  });

  it.each([0, 65_536, -1, 80.5, Number.NaN, Infinity, '5432', null, true])('refuses %s, naming the option and the value', (value) => {
    expect(() => validateHostPort('x.hostPort', value)).toThrow(InvalidOptionError);
    expect(() => validateHostPort('x.hostPort', value)).toThrow(/^Invalid `x\.hostPort`: .+\. Expected a whole number from 1 to 65535\.$/);
  });

  it('is checked by every template when it is made', () => {
    expect(() => postgres({ hostPort: 0 })).toThrow(/`postgres.hostPort`: 0\./);
    expect(() => redis({ hostPort: 70_000 })).toThrow(/`redis.hostPort`: 70000\./);
    expect(() => kafka({ hostPort: '9092' as never })).toThrow(/`kafka.hostPort`: "9092"\./);
    expect(() => redis({ hostPort: 6380 })).not.toThrow();
  });
});
