// The identity of the engine behind a session, for keys that must never cross engines (the
// initialised-image cache, reuse hashes, lock names). Two routes to one daemon (TCP and an ssh
// context) share it; two daemons on one machine do not (their data roots differ).
import { createHash } from 'node:crypto';
import type { DockerCommand } from '../cli/command.js';
import type { Docker } from '../docker.js';

export interface EngineIdentity {
  /** 16 hex characters naming the engine. */
  key: string;
  /** The daemon's host name (`docker info` .Name). */
  name: string;
  /** Where the engine keeps its data (`docker info` .DockerRootDir). */
  rootDir: string;
}

interface InfoFields {
  ID?: string;
  Name?: string;
  DockerRootDir?: string;
}

// The identity from `docker info` fields (pure). Podman makes up a new ID on every call, so only
// Docker's ID counts; Docker's can be shared by daemons reading one key file, hence the root dir.
export function identityOf(info: InfoFields, kind: 'docker' | 'podman'): EngineIdentity {
  const name = info.Name ?? '';
  const rootDir = info.DockerRootDir ?? '';
  const parts = { kind, id: kind === 'docker' ? (info.ID ?? '') : '', name, rootDir };
  return { key: createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16), name, rootDir };
}

// `docker info` as data: the Engine API's GET /info on the `api` transport (no docker process).
const infoCommand: DockerCommand<InfoFields> = {
  args: ['info', '--format', '{{json .}}'],
  parse: (stdout) => JSON.parse(stdout.trim()) as InfoFields,
  api: { method: 'GET', path: '/info', parse: (body) => body as InfoFields },
};

const known = new WeakMap<Docker, Promise<EngineIdentity>>();

// The identity of `docker`'s engine, asked once per session (one `docker info`).
export function engineIdentity(docker: Docker): Promise<EngineIdentity> {
  let identity = known.get(docker);
  if (!identity) {
    identity = docker.executor
      .run(infoCommand, { timeoutMs: 30_000 })
      .then((info) => identityOf(info, docker.engine.kind));
    identity.catch(() => known.delete(docker));
    known.set(docker, identity);
  }
  return identity;
}
