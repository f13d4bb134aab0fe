import { describe, expect, it } from 'vitest';
import { healthStatusOf } from '../../../src/wait/healthy.js';
import { bothClis } from '../../support/fixtures.js';

describe('healthStatusOf on captured `docker events --format {{json .}}` lines', () => {
  it.each(bothClis('health/events.{cli}.jsonl'))('finds the health transitions and nothing else (%s)', (_cli, text) => {
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    const statuses = lines.map(healthStatusOf).filter((status) => status !== undefined);
    expect(statuses).toEqual(['unhealthy', 'healthy', 'unhealthy']);
    // exec_create/exec_start events of the health command mention it, but are not health events.
    expect(lines.filter((line) => line.includes('exec_start')).map(healthStatusOf)).not.toContain('healthy');
  });

  it('reads the old `status` field when `Action` is missing', () => {
    expect(healthStatusOf('{"status":"health_status: healthy","id":"x"}')).toBe('healthy');
  });

  it('returns undefined for other events and for text that is not JSON', () => {
    expect(healthStatusOf('{"Action":"start"}')).toBeUndefined();
    expect(healthStatusOf('not json')).toBeUndefined();
    expect(healthStatusOf('')).toBeUndefined();
  });
});
