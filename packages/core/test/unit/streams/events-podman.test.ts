import { describe, expect, it } from 'vitest';
import { actionMatches, asDocker } from '../../../src/streams/events.js';
import { parseEvent } from '../../../src/streams/events-parse.js';
import type { DockerEvent } from '../../../src/streams/event-types.js';
import { fixture } from '../../support/fixtures.js';

// Podman 4.3's `docker events --format '{{json .}}'`: a container killed, and one that exited 3
// under `docker run --rm` (test/fixtures/engines/events-podman.jsonl).
const events = fixture('engines/events-podman.jsonl').split('\n').filter(Boolean).map((line) => parseEvent(line) as DockerEvent);

describe("Podman's events in Docker's words", () => {
  it('reads its container `remove` as `destroy`, and leaves the rest as they are', () => {
    const actions = events.map((event) => asDocker(event).action);
    expect(actions).toEqual(['create', 'init', 'start', 'kill', 'die', 'cleanup', 'create', 'init', 'attach', 'start', 'die', 'destroy']);
    expect(events.map((event) => event.action)).toContain('remove');
  });

  it('matches actions as docker\'s `event=` filter would (which Podman ignores)', () => {
    const dies = events.map(asDocker).filter((event) => actionMatches(event, ['die', 'destroy']));
    expect(dies.map((event) => event.action)).toEqual(['die', 'die', 'destroy']);
    expect(dies[1]).toMatchObject({ type: 'container', exitCode: 3 });
  });

  it('matches `health_status` and its full form `health_status: unhealthy`', () => {
    const health = parseEvent(JSON.stringify({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: 'abc', Attributes: { name: 'x' } }, time: 1, timeNano: 1 })) as DockerEvent;
    expect(actionMatches(health, ['health_status'])).toBe(true);
    expect(actionMatches(health, ['health_status: unhealthy'])).toBe(true);
    expect(actionMatches(health, ['health_status: healthy'])).toBe(false);
  });
});
