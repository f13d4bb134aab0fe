import { describe, expect, it } from 'vitest';
import { EventTimeline } from '../../../src/diagnostics/timeline.js';
import type { DockerEvent } from '../../../src/streams/event-types.js';
import { parseEvent } from '../../../src/streams/events-parse.js';
import { fixture } from '../../support/fixtures.js';

const events = fixture('events/lifecycle.cli20.jsonl').split('\n').flatMap((line) => parseEvent(line) ?? []);

function filled(maxEvents = 10_000, all: DockerEvent[] = events): EventTimeline {
  const timeline = new EventTimeline({ maxEvents });
  for (const event of all) timeline.add(event);
  return timeline;
}

describe('EventTimeline', () => {
  it('keeps compact entries with the useful fields', () => {
    const timeline = filled();
    const killed = timeline.resolve('cap-kill');
    expect(killed).toMatchObject({ name: 'cap-kill', image: 'docker-wrapper-ci/base:dev', destroyed: true });
    const entries = timeline.entries({ id: killed?.id });
    expect(entries.map((e) => e.action)).toEqual(['create', 'start', 'kill', 'die', 'destroy']);
    expect(entries[3]).toEqual({ time: expect.any(Number), type: 'container', action: 'die', id: killed?.id, name: 'cap-kill', exitCode: 137 });
    expect(entries[2]?.signal).toBe('9');
    const health = timeline.entries({ id: timeline.resolve('cap-health2')?.id }).find((e) => e.action === 'health_status');
    expect(health).toMatchObject({ detail: 'unhealthy', healthStatus: 'unhealthy' });
  });

  it('finds a container by id, unique id prefix, name or earlier name', () => {
    const timeline = filled();
    const id = '86d71eb93aa88ef441e36fe2f7f3fb72d1b5b7859d1b0beb4294176591acf90d';
    expect(timeline.resolve(id)?.name).toBe('cap-health2');
    expect(timeline.resolve('86d71eb9')?.id).toBe(id);
    expect(timeline.resolve('/cap-health2')?.id).toBe(id);
    expect(timeline.resolve('cap-health')?.id).toBe(id);
    expect(timeline.resolve('cap-health')?.formerNames).toEqual(['cap-health']);
    expect(timeline.resolve('86d')).toBeUndefined();
    expect(timeline.resolve('nope')).toBeUndefined();
  });

  it('selects by time range', () => {
    const timeline = filled();
    const all = timeline.entries();
    const middle = all[Math.floor(all.length / 2)]?.time ?? 0;
    const later = timeline.entries({ since: middle });
    const earlier = timeline.entries({ until: new Date(middle - 1) });
    expect(later.length + earlier.length).toBeGreaterThanOrEqual(all.length - 1);
    expect(later.every((e) => e.time >= middle)).toBe(true);
    expect(earlier.every((e) => e.time < middle)).toBe(true);
  });

  it('stays bounded: the oldest entries go first', () => {
    const timeline = filled(10);
    expect(timeline.size).toBe(10);
    expect(timeline.dropped).toBe(events.length - 10);
    expect(timeline.entries().at(-1)?.time).toBe(events.at(-1)?.time);
  });

  it('forgets destroyed containers first when it knows too many', () => {
    const timeline = new EventTimeline({ maxContainers: 2 });
    timeline.remember('a'.repeat(64), 'alive', 'img', 1);
    for (const event of events.filter((e) => e.type === 'container' && e.action === 'destroy')) timeline.add(event);
    expect(timeline.containers()).toHaveLength(2);
    expect(timeline.resolve('alive')).toBeDefined();
  });

  it('masks secrets in details before keeping them', () => {
    const timeline = new EventTimeline({ redact: (text) => text.replace('PGPASSWORD=test', 'PGPASSWORD=***') });
    const entry = timeline.add(parseEvent(fixture('events/exec-with-secret.cli20.jsonl')) as DockerEvent);
    expect(entry.detail).toBe('/bin/sh -c PGPASSWORD=*** pg_isready --host localhost --username test --dbname test');
  });

  it('cuts long details', () => {
    const [event] = events.filter((e) => e.action === 'exec_start');
    const timeline = new EventTimeline();
    const entry = timeline.add({ ...(event as DockerEvent), detail: 'x'.repeat(1000) });
    expect(entry.detail).toHaveLength(300);
  });
});
