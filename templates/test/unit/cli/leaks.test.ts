// Which sessions count as leaked, on listings as docker prints them (captured `docker ps` /
// `docker network ls` lines in the CLI's JSON format).
import { describe, expect, it } from 'vitest';
import { formatTemplate, parseResources } from '../../../src/cli/engine.js';
import { findLeaks, type LeakContext } from '../../../src/cli/leaks.js';

// In the shape docker 20.10 prints for formatTemplate('container') / ('network') (ids shortened).
const PS = [
  '{"id":"9f1c2a","name":"dw-redis-1","image":"redis:7","status":"Up 3 minutes","session":"s-dead","pid":"4001","host":"box","created":"2026-12-02T10:00:00.000Z","project":"","persistent":"","detached":""}',
  '{"id":"7a2b3c","name":"dw-postgres-2","image":"postgres:17","status":"Up 1 minute","session":"s-mixed","pid":"4001","host":"box","created":"2026-12-02T10:00:00.000Z","project":"","persistent":"","detached":""}',
  '{"id":"6b3c4d","name":"dw-postgres-3","image":"postgres:17","status":"Up 1 minute","session":"s-mixed","pid":"5002","host":"box","created":"2026-12-02T10:01:00.000Z","project":"","persistent":"","detached":""}',
  '{"id":"5c4d5e","name":"dw-redis-4","image":"redis:7","status":"Up 2 hours","session":"s-other-host","pid":"4001","host":"elsewhere","created":"2026-12-02T08:00:00.000Z","project":"","persistent":"","detached":""}',
  '{"id":"4d5e6f","name":"dw-redis-5","image":"redis:7","status":"Up 2 hours","session":"s-reused","pid":"4001","host":"box","created":"2026-12-02T08:00:00.000Z","project":"/p","persistent":"true","detached":""}',
  '{"id":"3e6f70","name":"dw-redis-6","image":"redis:7","status":"Up 2 hours","session":"s-detached","pid":"4001","host":"box","created":"2026-12-02T08:00:00.000Z","project":"","persistent":"","detached":"/p"}',
  '{"id":"2f7081","name":"dw-redis-7","image":"redis:7","status":"Up 2 hours","session":"s-lost","pid":"4001","host":"box","created":"2026-12-02T09:00:00.000Z","project":"","persistent":"","detached":"/p"}',
].join('\n');
const NETWORKS = '{"id":"n1","name":"dw-net-1","session":"s-dead","pid":"4001","host":"box","created":"2026-12-02T10:00:30.000Z","project":"","persistent":"","detached":""}\n';

const context: LeakContext = {
  hostname: 'box',
  isAlive: (pid) => pid === 5002,
  isRecorded: (project, session) => project === '/p' && session === 's-detached',
  now: Date.parse('2026-12-02T11:00:00.000Z'),
  olderThanMs: 0,
};

describe('findLeaks', () => {
  const resources = [...parseResources('container', PS), ...parseResources('network', NETWORKS)];

  it('takes sessions whose every resource was made here by a dead process, not reused nor recorded detached', () => {
    const leaks = findLeaks(resources, context);
    expect(leaks.map((l) => l.sessionId)).toEqual(['s-lost', 's-dead']);
    expect(leaks[1]?.resources.map((r) => `${r.type}:${r.id}`)).toEqual(['container:9f1c2a', 'network:n1']);
    expect(leaks[1]?.created).toBe('2026-12-02T10:00:30.000Z');
  });

  it('keeps only sessions at least --older-than old (by their newest resource)', () => {
    expect(findLeaks(resources, { ...context, olderThanMs: 90 * 60_000 }).map((l) => l.sessionId)).toEqual(['s-lost']);
  });

  it('counts a session with no readable created time as old enough for --older-than', () => {
    const undated = parseResources('container', [
      '{"id":"a1","name":"dw-redis-8","session":"s-undated","pid":"4001","host":"box","created":"","project":"","persistent":"","detached":""}',
      '{"id":"a2","name":"dw-redis-9","session":"s-garbled","pid":"4001","host":"box","created":"yesterday","project":"","persistent":"","detached":""}',
      '{"id":"a3","name":"dw-redis-10","session":"s-young","pid":"4001","host":"box","created":"2026-12-02T10:59:00.000Z","project":"","persistent":"","detached":""}',
    ].join('\n'));
    const leaks = findLeaks(undated, { ...context, olderThanMs: 10 * 60_000 });
    expect(leaks.map((l) => [l.sessionId, l.created])).toEqual([['s-undated', ''], ['s-garbled', '']]);
  });

  it('leaves a resource without a pid label (an image-cache build) alone: captured docker 20.10 lines', () => {
    const captured = parseResources('container', [
      '{"id":"3dad64ec85820e9dbcca7d5b2343641395bf5ae7167b1b68adae3c74d720b264","name":"flamboyant_shamir","image":"docker-wrapper-cache/postgres:42de37cb76553094","status":"Created","session":"cache","pid":"","host":"vm","created":"","project":"/work/wt-bench","persistent":"","detached":""}',
      '{"id":"263d8a2ed2dd7c1fef09e77d51512035088eb6f800adc78a22d04240e7d5a386","name":"dw-postgres-ed22ce94","image":"docker-wrapper-cache/postgres:8631134694dede88","status":"Up 20 seconds","session":"mx69pg8w-77c0d593","pid":"29016","host":"vm","created":"2026-12-02T15:15:28.559Z","project":"/work/wt-pkg","persistent":"","detached":""}',
    ].join('\n'));
    expect(findLeaks(captured, { ...context, hostname: 'vm', isAlive: () => false }).map((l) => l.sessionId)).toEqual(['mx69pg8w-77c0d593']);
    expect(findLeaks(captured, { ...context, hostname: 'vm', isAlive: () => true })).toEqual([]);
  });

  it('reads the JSON lines of the format it asks docker for', () => {
    expect(formatTemplate('network')).toBe('{"id":{{json .ID}},"name":{{json .Name}},"session":{{json (.Label "docker-wrapper.session")}},"pid":{{json (.Label "docker-wrapper.pid")}},"host":{{json (.Label "docker-wrapper.host")}},"created":{{json (.Label "docker-wrapper.created")}},"project":{{json (.Label "docker-wrapper.project")}},"persistent":{{json (.Label "docker-wrapper.persistent")}},"detached":{{json (.Label "docker-wrapper.detached")}}}');
    expect(parseResources('network', NETWORKS)[0]).toMatchObject({ type: 'network', image: '', status: '', session: 's-dead' });
  });
});
