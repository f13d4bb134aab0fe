// The engine as the command line queries it: a session that starts no reaper, handles no signal
// and removes nothing at close, and label listings read as JSON lines.
import { CREATED_LABEL, Docker, HOST_LABEL, PERSISTENT_LABEL, PID_LABEL, SESSION_LABEL, type ConnectOptions } from '@docker-wrapper/core';

import { findConfigFile } from '../config/find-config.js';
import { PROJECT_LABEL } from '../project.js';
import { readConfig } from './config.js';
import { DETACHED_LABEL } from './state.js';

// The `docker` settings of the config file, when there is one (`--config`, or found from here up).
export async function configuredDocker(file: string | undefined): Promise<ConnectOptions> {
  if (file === undefined && !findConfigFile(process.cwd()).file) return {};
  return (await readConfig(file)).config.docker ?? {};
}

// A session for looking and for removing by session id; nothing of its own to clean up.
export function connectForQueries(options: ConnectOptions, extra: ConnectOptions = {}): Promise<Docker> {
  return Docker.connect({ ...options, reaper: false, handleSignals: false, keep: true, log: () => undefined, ...extra });
}

/** One resource as the listings read it: its labels that matter here. */
export interface LabelledResource {
  type: 'container' | 'network' | 'volume';
  id: string;
  name: string;
  image: string;
  status: string;
  session: string;
  pid: string;
  host: string;
  created: string;
  project: string;
  persistent: string;
  detached: string;
}

const LABELS = { session: SESSION_LABEL, pid: PID_LABEL, host: HOST_LABEL, created: CREATED_LABEL, project: PROJECT_LABEL, persistent: PERSISTENT_LABEL, detached: DETACHED_LABEL };

// A `--format` template that prints one JSON object per resource (docker's own `json` quoting).
export function formatTemplate(type: LabelledResource['type']): string {
  const fields: Record<string, string> = {
    id: type === 'volume' ? '.Name' : '.ID',
    name: type === 'container' ? '.Names' : '.Name',
    ...(type === 'container' ? { image: '.Image', status: '.Status' } : {}),
    ...Object.fromEntries(Object.entries(LABELS).map(([key, label]) => [key, `(.Label "${label}")`])),
  };
  return `{${Object.entries(fields).map(([key, field]) => `"${key}":{{json ${field}}}`).join(',')}}`;
}

// The JSON lines of a listing as resources (pure).
export function parseResources(type: LabelledResource['type'], stdout: string): LabelledResource[] {
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => Object.assign({ image: '', status: '' }, JSON.parse(line) as Partial<LabelledResource>, { type }) as LabelledResource);
}

// The containers, networks and volumes carrying `label` (`key` or `key=value`).
export async function listLabelled(docker: Docker, label: string): Promise<LabelledResource[]> {
  const filter = ['--filter', `label=${label}`];
  const lists = await Promise.all((['container', 'network', 'volume'] as const).map((type) => {
    const args = type === 'container' ? ['ps', '-a', '--no-trunc', ...filter] : [type, 'ls', ...filter];
    return docker.executor.run({ args: [...args, '--format', formatTemplate(type)], parse: (stdout) => parseResources(type, stdout) });
  }));
  return lists.flat();
}


// The status of each of these containers that still exists, by full id (reused ones carry no
// session label, so they are looked up by id).
export async function containerStatuses(docker: Docker, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const args = ['ps', '-a', '--no-trunc', ...ids.flatMap((id) => ['--filter', `id=${id}`]), '--format', formatTemplate('container')];
  const found = await docker.executor.run({ args, parse: (stdout) => parseResources('container', stdout) });
  return new Map(found.map((r) => [r.id, r.status]));
}

// A recorded service's status: its container's, 'gone' when it no longer exists, or that the
// environment brought it (no container) (pure).
export function serviceStatus(containerId: string | null, statuses: ReadonlyMap<string, string>): string {
  if (!containerId) return 'brought by the environment';
  return statuses.get(containerId) ?? [...statuses].find(([id]) => id.startsWith(containerId))?.[1] ?? 'gone';
}
