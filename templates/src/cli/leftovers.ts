// What earlier runs left on the engine, as `ps`, `prune` and `doctor` see it: leaked sessions,
// reused containers and cached images.
import type { Docker } from '@docker-wrapper/core';
import { hostname } from 'node:os';
import { SESSION_LABEL } from '@docker-wrapper/core';
import { prune, type PruneResult } from '../prune.js';
import { listLabelled, type LabelledResource } from './engine.js';
import { findLeaks, processAlive, type LeakedSession } from './leaks.js';
import { readState } from './state.js';

export interface Leftovers {
  /** Every resource with a session label (live sessions of other processes too). */
  resources: LabelledResource[];
  leaked: LeakedSession[];
  /** What `prune --reused --cache` would remove for this project (a dry run; empty with `kept: false`). */
  kept: PruneResult;
}

// Lists leaked sessions (any project's) and, unless `kept: false` (a caller that prunes them itself),
// this project's reused containers and cached images.
export async function findLeftovers(docker: Docker, options: { olderThanMs?: number; env?: NodeJS.ProcessEnv; kept?: boolean } = {}): Promise<Leftovers> {
  const env = options.env ?? process.env;
  const none: PruneResult = { containers: [], networks: [], images: [], project: undefined };
  const [resources, kept] = await Promise.all([listLabelled(docker, SESSION_LABEL), options.kept === false ? none : prune(docker, { dryRun: true })]);
  const leaked = findLeaks(resources, {
    hostname: hostname(),
    isAlive: processAlive,
    isRecorded: (project, sessionId) => readState(project, env).sessions.some((session) => session.sessionId === sessionId),
    now: Date.now(),
    olderThanMs: options.olderThanMs ?? 0,
  });
  return { resources, leaked, kept };
}
