// `docker-wrapper prune`: removes leftovers by label: leaked sessions (their process is gone), and
// with `--reused` / `--cache` this project's reused containers and cached images; lists them.
import { sweepSession } from '@docker-wrapper/core';
import { prune as pruneKept } from '../../prune.js';
import { connectForQueries, configuredDocker } from '../engine.js';
import { EXIT } from '../exit-codes.js';
import { findLeftovers } from '../leftovers.js';
import type { Output } from '../output.js';

export interface PruneCliOptions {
  config?: string;
  json?: boolean;
  olderThanMs?: number;
  /** Only this leaked session. */
  session?: string;
  reused?: boolean;
  cache?: boolean;
  all?: boolean;
  dryRun?: boolean;
}

// Runs `prune`: leaked sessions by session sweep, reused and cached through prune().
export async function pruneCommand(options: PruneCliOptions, output: Output): Promise<number> {
  const docker = await connectForQueries(await configuredDocker(options.config));
  const reused = Boolean(options.reused || options.all);
  const cache = Boolean(options.cache || options.all);
  // Reused and cached ones are listed once, by the prune below (dry or not).
  const found = await findLeftovers(docker, { olderThanMs: options.olderThanMs ?? 0, kept: false });
  const leaked = options.session === undefined ? found.leaked : found.leaked.filter((l) => l.sessionId === options.session);
  if (!options.dryRun) {
    for (const session of leaked) await sweepSession(docker.executor, session.sessionId);
  }
  const kept = reused || cache ? await pruneKept(docker, { reused, cache, dryRun: Boolean(options.dryRun) }) : { containers: [], networks: [], images: [] };
  await docker.close();
  const result = {
    dryRun: Boolean(options.dryRun),
    leaked: leaked.map((l) => ({ sessionId: l.sessionId, created: l.created, resources: l.resources.map((r) => ({ type: r.type, id: r.id, name: r.name })) })),
    reused: { containers: kept.containers, networks: kept.networks },
    cached: { images: kept.images },
  };
  if (options.json) {
    output.json(result);
    return EXIT.ok;
  }
  const verb = options.dryRun ? 'Would remove' : 'Removed';
  const lines = [
    ...result.leaked.flatMap((l) => l.resources.map((r) => `${verb} leaked ${r.type} ${r.name || r.id} (session ${l.sessionId})`)),
    ...kept.containers.map((id) => `${verb} reused container ${id.slice(0, 12)}`),
    ...kept.networks.map((id) => `${verb} reused network ${id.slice(0, 12)}`),
    ...kept.images.map((id) => `${verb} cached image ${id.replace(/^sha256:/, '').slice(0, 12)}`),
  ];
  for (const line of lines) output.info(line);
  if (lines.length === 0) output.info(`Nothing to remove${reused || cache ? '' : ' (leaked sessions only; add --reused, --cache or --all for more)'}.`);
  return EXIT.ok;
}
