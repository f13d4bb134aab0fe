// The state file of `up --detach`: which sessions this project left running, so that `down` (and
// `ps`) find them after the command that started them has exited. One file per project, in the
// user's state folder (never in the project), holding no connection data and no passwords.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { withMachineLock } from '../lock.js';

/** Marks the resources of a detached session, with the project as value (besides the session labels). */
export const DETACHED_LABEL = 'docker-wrapper.detached';

export interface DetachedService {
  kind: string;
  containerId: string | null;
  image: string | null;
}

export interface DetachedSession {
  sessionId: string;
  configFile: string;
  startedAt: string;
  services: Record<string, DetachedService>;
}

export interface ProjectState {
  version: 1;
  project: string;
  sessions: DetachedSession[];
}

// The folder of the state files: DOCKER_WRAPPER_STATE_DIR, else $XDG_STATE_HOME/docker-wrapper,
// else ~/.local/state/docker-wrapper.
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_WRAPPER_STATE_DIR) return env.DOCKER_WRAPPER_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'docker-wrapper');
}

// The state file of a project (a hash of its name: project names are paths).
export function stateFile(project: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'projects', `${createHash('sha256').update(project).digest('hex').slice(0, 16)}.json`);
}

// The project's state; an empty one when the file is missing, unreadable or another project's.
export function readState(project: string, env: NodeJS.ProcessEnv = process.env): ProjectState {
  const empty: ProjectState = { version: 1, project, sessions: [] };
  let text: string;
  try {
    text = readFileSync(stateFile(project, env), 'utf8');
  } catch {
    return empty;
  }
  try {
    const data = JSON.parse(text) as Partial<ProjectState>;
    return data.version === 1 && data.project === project && Array.isArray(data.sessions) ? (data as ProjectState) : empty;
  } catch {
    return empty;
  }
}

// Writes the state atomically (a temporary file renamed over it); no sessions: the file goes.
export function writeState(state: ProjectState, env: NodeJS.ProcessEnv = process.env): void {
  const file = stateFile(state.project, env);
  if (state.sessions.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

// Reads, changes and writes the project's state under a machine-wide lock, so that two `up
// --detach` (or an `up` and a `down`) of one project never lose each other's sessions.
export function updateState(project: string, change: (state: ProjectState) => ProjectState, env: NodeJS.ProcessEnv = process.env): Promise<ProjectState> {
  return withMachineLock(`cli-state-${basename(stateFile(project, env), '.json')}`, async () => {
    const next = change(readState(project, env));
    writeState(next, env);
    return next;
  });
}
