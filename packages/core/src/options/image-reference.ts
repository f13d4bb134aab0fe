// Image references: validation, and the substitution that lets air-gapped CI (or a registry
// mirror) stand in for official images, applied to every reference this package uses.
import { InvalidOptionError } from '../errors.js';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,})?$`);

// Throws unless `value` is a well-formed image reference (`redis:7`, `ghcr.io/org/app@sha256:...`).
export function validateImageReference(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512 || !REFERENCE.test(value)) {
    throw new InvalidOptionError(option, value, 'Expected an image reference like `redis:7-alpine` or `ghcr.io/org/app:1.2`, without spaces or a leading `-`.');
  }
  return value;
}

// The repository part of a reference: `redis:7` -> `redis`, `host:5000/a/b:1` -> `host:5000/a/b`.
export function repositoryOf(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

const HUB_HOSTS = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'];

// A Docker Hub reference without its registry host: `docker.io/library/redis:7` ->
// `library/redis:7` (pure).
function withoutHubHost(reference: string): string {
  const host = HUB_HOSTS.find((h) => reference.startsWith(h));
  return host ? reference.slice(host.length) : reference;
}

// The short name docker itself gives a Docker Hub reference: `docker.io/library/redis:7`,
// `library/redis:7` -> `redis:7`; `docker.io/apache/kafka` -> `apache/kafka` (pure).
function dockerHubShortName(reference: string): string {
  const local = withoutHubHost(reference);
  const rest = local.startsWith('library/') ? local.slice('library/'.length) : '';
  return rest && !rest.includes('/') ? rest : local;
}

function hasRegistryHost(reference: string): boolean {
  const first = reference.split('/')[0] ?? '';
  return reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

export interface ImageSubstitution {
  /** `from` -> `to`: `from` is an exact reference, or a bare repository matching any tag of it. */
  map: ReadonlyMap<string, string>;
  /** Prepended to references without a registry host (Docker Hub images), e.g. `mirror.local:5000/`. */
  registryPrefix: string | undefined;
}

// Reads `DOCKER_WRAPPER_IMAGE_MAP` (`from=to` pairs separated by commas) and
// `DOCKER_WRAPPER_REGISTRY_PREFIX`; pairs given in code come first.
export function substitutionFromEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}, registryPrefix?: string): ImageSubstitution {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(extra)) {
    map.set(dockerHubShortName(validateImageReference('imageMap key', from)), validateImageReference(`imageMap[${JSON.stringify(from)}]`, to));
  }
  for (const pair of (env.DOCKER_WRAPPER_IMAGE_MAP ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new InvalidOptionError('DOCKER_WRAPPER_IMAGE_MAP', pair, 'Expected `from=to` pairs separated by commas, like `postgres:17=my-mirror/postgres:17`.');
    const from = dockerHubShortName(validateImageReference('DOCKER_WRAPPER_IMAGE_MAP', pair.slice(0, at)));
    if (!map.has(from)) map.set(from, validateImageReference('DOCKER_WRAPPER_IMAGE_MAP', pair.slice(at + 1)));
  }
  const prefix = registryPrefix !== undefined ? validateRegistryPrefix('registryPrefix', registryPrefix) : validateRegistryPrefix('DOCKER_WRAPPER_REGISTRY_PREFIX', env.DOCKER_WRAPPER_REGISTRY_PREFIX || undefined);
  return { map, registryPrefix: prefix ? (prefix.endsWith('/') ? prefix : `${prefix}/`) : undefined };
}

// A registry host with an optional path (`mirror.local:5000/`, `ghcr.io/org`): what is put before
// an image reference must keep it one well-formed reference.
export function validateRegistryPrefix(option: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const bare = typeof value === 'string' ? value.replace(/\/$/, '') : '';
  if (typeof value !== 'string' || !new RegExp(`^${HOST}(?:/${COMPONENT})*$`).test(bare)) {
    throw new InvalidOptionError(option, value, 'Expected a registry host and optional path, like `mirror.local:5000/` or `ghcr.io/org`.');
  }
  return value;
}

// The reference docker should really use for `reference`.
// Images this package makes locally (initialised-image caches) are never substituted.
export const LOCAL_NAMESPACE = 'docker-wrapper-cache/';

// Map keys are Docker Hub short names, so `postgres`, `library/postgres` and
// `docker.io/library/postgres` are one image; the prefix applies to all three.
export function substituteImage(reference: string, substitution: ImageSubstitution): string {
  if (reference.startsWith(LOCAL_NAMESPACE)) return reference;
  const short = dockerHubShortName(reference);
  const exact = substitution.map.get(short);
  if (exact) return exact;
  const byRepository = substitution.map.get(repositoryOf(short));
  if (byRepository) return byRepository;
  const hub = withoutHubHost(reference);
  if (substitution.registryPrefix && !hasRegistryHost(hub)) return `${substitution.registryPrefix}${hub}`;
  return reference;
}
