// `docker-wrapper ps`: this project's detached services, then what else docker-wrapper keeps or
// left on the engine: reused containers, cached images, leaked sessions.
import { currentProject } from '../../project.js';
import { connectForQueries, configuredDocker, containerStatuses, serviceStatus } from '../engine.js';
import { EXIT } from '../exit-codes.js';
import { findLeftovers } from '../leftovers.js';
import type { Output } from '../output.js';
import { readState } from '../state.js';
import { formatTable } from '../table.js';

export interface PsOptions {
  config?: string;
  json?: boolean;
}

const short = (id: string) => id.slice(0, 12);

// Runs `ps`.
export async function ps(options: PsOptions, output: Output): Promise<number> {
  const project = currentProject();
  const docker = await connectForQueries(await configuredDocker(options.config));
  const state = readState(project);
  const ids = state.sessions.flatMap((session) => Object.values(session.services).flatMap((s) => (s.containerId ? [s.containerId] : [])));
  const [{ leaked, kept }, statuses] = await Promise.all([findLeftovers(docker), containerStatuses(docker, ids)]);
  await docker.close();
  const statusOf = (id: string | null) => serviceStatus(id, statuses);
  const services = state.sessions.flatMap((session) => Object.entries(session.services).map(([name, s]) => ({
    name, kind: s.kind, image: s.image, containerId: s.containerId, status: statusOf(s.containerId), sessionId: session.sessionId, startedAt: session.startedAt,
  })));
  if (options.json) {
    output.json({
      project,
      services,
      reused: { containers: kept.containers, networks: kept.networks },
      cached: { images: kept.images },
      leaked: leaked.map((l) => ({ sessionId: l.sessionId, created: l.created, resources: l.resources.map((r) => ({ type: r.type, id: r.id, name: r.name })) })),
    });
    return EXIT.ok;
  }
  output.info(services.length === 0
    ? `No services of ${project} running (start them with \`docker-wrapper up --detach\`).`
    : formatTable(['SERVICE', 'KIND', 'IMAGE', 'CONTAINER', 'STATUS', 'SESSION'], services.map((s) => [s.name, s.kind, s.image ?? '', s.containerId ? short(s.containerId) : '-', s.status, s.sessionId])));
  const rows = [
    ...kept.containers.map((id) => ['reused', 'container', short(id)]),
    ...kept.networks.map((id) => ['reused', 'network', short(id)]),
    ...kept.images.map((id) => ['cached', 'image', short(id.replace(/^sha256:/, ''))]),
    ...leaked.flatMap((l) => l.resources.map((r) => [`leaked (session ${l.sessionId})`, r.type, r.type === 'volume' ? r.id : `${short(r.id)} ${r.name}`])),
  ];
  output.info('');
  output.info(rows.length === 0 ? 'No reused, cached or leaked resources.' : formatTable(['WHAT', 'TYPE', 'ID'], rows));
  if (leaked.length > 0) output.info(`\nRemove the leaked ones with \`docker-wrapper prune\`.`);
  return EXIT.ok;
}
