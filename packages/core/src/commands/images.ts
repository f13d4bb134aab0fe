// Image commands as data, and parsers of their output (pure).
import { isAbsolute, join } from 'node:path';
import { parseJsonLines, type DockerCommand } from '../cli/command.js';
import { segment } from '../transport/route.js';

export interface ImageInfo {
  id: string;
  repoTags: string[];
  created: string;
  sizeBytes: number;
  labels: Record<string, string>;
  exposedPorts: string[];
  hasHealthCheck: boolean;
  volumes: string[];
}

export interface HistoryEntry {
  id: string;
  createdBy: string;
  createdSince: string;
  size: string;
  comment: string;
}

export type PullProgress =
  | { kind: 'layer'; layer: string; status: string; line: string }
  | { kind: 'digest'; digest: string; line: string }
  | { kind: 'status'; status: string; line: string };

type Json = Record<string, unknown>;

// `docker image inspect` output into ImageInfo objects.
export function parseImageInspect(stdout: string): ImageInfo[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('docker image inspect did not print an array');
  return parsed.map(toImageInfo);
}

// `docker image inspect <reference>` (one image; the reference as docker will see it).
export function inspectImageCommand(reference: string): DockerCommand<ImageInfo | undefined> {
  return {
    args: ['image', 'inspect', reference],
    parse: (stdout) => parseImageInspect(stdout)[0],
    api: { method: 'GET', path: `/images/${segment(reference)}/json`, parse: toImageInfo },
  };
}

// One image's inspect object into ImageInfo (pure).
export function toImageInfo(value: unknown): ImageInfo {
  {
    const raw = (value ?? {}) as Json;
    const config = (raw.Config ?? {}) as Json;
    const health = (config.Healthcheck ?? {}) as Json;
    const test = Array.isArray(health.Test) ? health.Test : [];
    return {
      id: String(raw.Id ?? ''),
      repoTags: Array.isArray(raw.RepoTags) ? raw.RepoTags.map(String) : [],
      created: String(raw.Created ?? ''),
      sizeBytes: Number(raw.Size ?? 0),
      labels: { ...((config.Labels ?? {}) as Record<string, string>) },
      exposedPorts: Object.keys((config.ExposedPorts ?? {}) as Json),
      hasHealthCheck: test.length > 0 && test[0] !== 'NONE',
      volumes: Object.keys((config.Volumes ?? {}) as Json),
    };
  }
}

// `docker history --format '{{json .}}'` lines into entries.
export function parseHistory(stdout: string): HistoryEntry[] {
  return parseJsonLines<Json>(stdout).map((row) => ({
    id: String(row.ID ?? ''),
    createdBy: String(row.CreatedBy ?? ''),
    createdSince: String(row.CreatedSince ?? ''),
    size: String(row.Size ?? ''),
    comment: String(row.Comment ?? ''),
  }));
}

// One line of `docker pull` output (not a terminal, so one status per line) as a progress event.
export function parsePullLine(line: string): PullProgress {
  const layer = /^([0-9a-f]{12}): (.+)$/.exec(line);
  if (layer) return { kind: 'layer', layer: layer[1] as string, status: layer[2] as string, line };
  const digest = /^Digest: (\S+)/.exec(line);
  if (digest) return { kind: 'digest', digest: digest[1] as string, line };
  return { kind: 'status', status: line.replace(/^Status: /, ''), line };
}

export interface BuildOptions {
  /** Folder sent to docker as the build context. */
  context: string;
  /** Path of the Dockerfile, relative to `context` unless absolute (default: `context/Dockerfile`). */
  dockerfile?: string;
  tag?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
  pull?: boolean;
  noCache?: boolean;
}

// `docker build -q`, which prints the new image id. `--force-rm`: the legacy builder otherwise
// leaves the container of a failed step behind, unlabelled.
export function buildCommand(options: BuildOptions): DockerCommand<string> {
  const args = ['build', '-q', '--force-rm'];
  if (options.tag) args.push('-t', options.tag);
  // docker reads a relative -f from its working directory; this package means the context's.
  if (options.dockerfile) args.push('-f', isAbsolute(options.dockerfile) ? options.dockerfile : join(options.context, options.dockerfile));
  for (const [key, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
  if (options.target) args.push('--target', options.target);
  for (const [key, value] of Object.entries(options.labels ?? {})) args.push('--label', `${key}=${value}`);
  if (options.pull) args.push('--pull');
  if (options.noCache) args.push('--no-cache');
  args.push(options.context);
  return {
    args,
    parse: (stdout) => {
      const last = stdout.trim().split('\n').at(-1)?.trim() ?? '';
      // Podman prints the bare digest.
      const id = /^[0-9a-f]{64}$/.test(last) ? `sha256:${last}` : last;
      if (!/^sha256:[0-9a-f]{64}$/.test(id)) throw new Error(`expected an image id, got ${JSON.stringify(stdout.slice(-200))}`);
      return id;
    },
  };
}
