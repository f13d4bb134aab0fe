// Which sessions are leaked: every resource of them was made on this host by a process that is
// gone, and none belongs to a session `up --detach` recorded (pure, given how to ask).
import type { LabelledResource } from './engine.js';

export interface LeakContext {
  hostname: string;
  /** True while the process is alive (a pid of this host). */
  isAlive(pid: number): boolean;
  /** True when `up --detach` of `project` recorded the session (so `down` owns it). */
  isRecorded(project: string, sessionId: string): boolean;
  now: number;
  /** Only sessions whose newest resource is at least this old (ms; 0: any). */
  olderThanMs: number;
}

export interface LeakedSession {
  sessionId: string;
  /** When its newest resource was made (ISO 8601), '' when none of them says. */
  created: string;
  resources: LabelledResource[];
}

// The process that made a resource is gone (and it was made on this host).
function orphaned(resource: LabelledResource, context: LeakContext): boolean {
  if (resource.host !== context.hostname) return false;
  const pid = Number(resource.pid);
  return Number.isInteger(pid) && pid > 0 && !context.isAlive(pid);
}

// The leaked sessions among labelled resources, oldest first.
export function findLeaks(resources: readonly LabelledResource[], context: LeakContext): LeakedSession[] {
  const sessions = new Map<string, LabelledResource[]>();
  for (const resource of resources) {
    if (!resource.session || resource.persistent === 'true') continue;
    sessions.set(resource.session, [...(sessions.get(resource.session) ?? []), resource]);
  }
  const leaks: LeakedSession[] = [];
  for (const [sessionId, members] of sessions) {
    if (!members.every((resource) => orphaned(resource, context))) continue;
    if (members.some((resource) => resource.detached && context.isRecorded(resource.detached, sessionId))) continue;
    const created = members.map((resource) => resource.created).filter((time) => Number.isFinite(Date.parse(time))).sort().at(-1) ?? '';
    // No (readable) created time: made before that label or without it, and its process is gone,
    // so nothing says it is young: it counts as old enough for --older-than.
    const age = created ? context.now - Date.parse(created) : Number.POSITIVE_INFINITY;
    if (context.olderThanMs > 0 && !(age >= context.olderThanMs)) continue;
    leaks.push({ sessionId, created, resources: members });
  }
  return leaks.sort((a, b) => a.created.localeCompare(b.created));
}

// process.kill(pid, 0) as a yes/no: EPERM means it exists under another user.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
