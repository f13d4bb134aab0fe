// `docker-wrapper down`: removes what `up --detach` started for this project: the sessions its
// state file records, and any session labelled as this project's detached one (a lost state file).
import { sweepSession } from '@docker-wrapper/core';
import { currentProject } from '../../project.js';
import { connectForQueries, configuredDocker, listLabelled } from '../engine.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { DETACHED_LABEL, readState, updateState } from '../state.js';

export interface DownOptions {
  config?: string;
  json?: boolean;
}

// Runs `down`: sweeps each detached session of this project and forgets it.
export async function down(options: DownOptions, output: Output): Promise<number> {
  const project = currentProject();
  const docker = await connectForQueries(await configuredDocker(options.config));
  const state = readState(project);
  const labelled = await listLabelled(docker, `${DETACHED_LABEL}=${project}`);
  const sessions = [...new Set([...state.sessions.map((s) => s.sessionId), ...labelled.map((r) => r.session).filter(Boolean)])];
  const removed = [];
  for (const sessionId of sessions) {
    const result = await sweepSession(docker.executor, sessionId);
    removed.push({ sessionId, services: Object.keys(state.sessions.find((s) => s.sessionId === sessionId)?.services ?? {}), ...result });
  }
  await docker.close();
  await updateState(project, (now) => ({ ...now, sessions: now.sessions.filter((s) => !sessions.includes(s.sessionId)) }));
  if (options.json) {
    output.json({ project, sessions: removed });
  } else if (removed.length === 0) {
    output.info(`Nothing to stop: no \`up --detach\` of ${project} is running.`);
  } else {
    for (const r of removed) output.info(`Removed session ${r.sessionId}${r.services.length ? ` (${r.services.join(', ')})` : ''}: ${r.containers} container(s), ${r.networks} network(s), ${r.volumes} volume(s).`);
  }
  return EXIT.ok;
}
