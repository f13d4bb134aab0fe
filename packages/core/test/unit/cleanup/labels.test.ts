import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CREATED_LABEL, HOST_LABEL, newSessionId, PID_LABEL, SESSION_LABEL, sessionLabels } from '../../../src/cleanup/labels.js';

describe('session labels', () => {
  it('marks a resource with the session, pid, host and creation time', () => {
    const before = Date.now();
    const labels = sessionLabels('s-1');
    expect(Object.keys(labels).sort()).toEqual([CREATED_LABEL, HOST_LABEL, PID_LABEL, SESSION_LABEL].sort());
    expect(labels).toMatchObject({ 'docker-wrapper.session': 's-1', 'docker-wrapper.pid': String(process.pid), 'docker-wrapper.host': hostname() });
    expect(Date.parse(labels[CREATED_LABEL] ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('makes unique session ids that Docker.connect accepts back as `sessionId`', () => {
    const ids = new Set(Array.from({ length: 50 }, newSessionId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
  });
});
