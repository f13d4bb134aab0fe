// What the health wait reads from `docker events`: the typed events' healthStatus, on captured lines.
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/streams/events-parse.js';
import { bothClis } from '../../support/fixtures.js';

const healthOf = (line: string) => {
  const event = parseEvent(line);
  return event?.type === 'container' ? event.healthStatus : undefined;
};

describe('health transitions in captured `docker events --format {{json .}}` lines', () => {
  it.each(bothClis('health/events.{cli}.jsonl'))('finds the health transitions and nothing else (%s)', (_cli, text) => {
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.map(healthOf).filter((status) => status !== undefined)).toEqual(['unhealthy', 'healthy', 'unhealthy']);
    // exec_create/exec_start events of the health command mention it, but are not health events.
    expect(lines.filter((line) => line.includes('exec_start')).map(healthOf)).not.toContain('healthy');
  });

  it('reads the old `status` field when `Action` is missing', () => {
    expect(healthOf('{"status":"health_status: healthy","id":"x","Type":"container"}')).toBe('healthy');
  });
});
