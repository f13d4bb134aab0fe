// The compose document a session starts (pure): the user's file with the session's labels on every
// container, network and volume compose makes, substituted images, a fixed image name for built
// services (no per-session tags left behind) and ports bound to the session's host address when
// the file names none.
import { bindPort } from './ports.js';

export interface RewritePlan {
  /** Labels every container, network and volume gets. */
  labels: Record<string, string>;
  /** The image docker should really use (DOCKER_WRAPPER_IMAGE_MAP, registry prefix). */
  substitute(image: string): string;
  /** The image name a service built from a Dockerfile gets. */
  builtImage(service: string): string;
  /** Host address for published ports that name none. */
  hostIp: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

// Compose labels come as a map or as `key=value` strings: one map with `extra` on top.
export function mergeLabels(given: unknown, extra: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  if (Array.isArray(given)) {
    for (const entry of given) {
      const text = String(entry);
      const at = text.indexOf('=');
      merged[at < 0 ? text : text.slice(0, at)] = at < 0 ? '' : text.slice(at + 1);
    }
  } else if (isObject(given)) {
    for (const [key, value] of Object.entries(given)) merged[key] = value === null ? '' : String(value);
  }
  return { ...merged, ...extra };
}

function rewriteService(name: string, service: Json, plan: RewritePlan): Json {
  const out: Json = { ...service, labels: mergeLabels(service.labels, plan.labels) };
  if (service.build === undefined && typeof service.image === 'string') out.image = plan.substitute(service.image);
  // A built service without `image` would get a tag per compose project, that is per session.
  if (service.build !== undefined && service.image === undefined) out.image = plan.builtImage(name);
  if (Array.isArray(service.ports)) out.ports = service.ports.map((port: unknown) => bindPort(port, plan.hostIp));
  return out;
}

// Networks and volumes the file declares (external ones are not compose's to make).
function labelled(declared: unknown, labels: Record<string, string>, ensure: string[] = []): Json {
  const out: Json = {};
  const entries = isObject(declared) ? Object.entries(declared) : [];
  for (const name of ensure) if (!entries.some(([key]) => key === name)) entries.push([name, {}]);
  for (const [name, value] of entries) {
    const settings = isObject(value) ? value : {};
    out[name] = settings.external ? settings : { ...settings, labels: mergeLabels(settings.labels, labels) };
  }
  return out;
}

export function rewriteCompose(document: Json, plan: RewritePlan): Json {
  const services = document.services as Record<string, Json>;
  const out: Json = { ...document, services: Object.fromEntries(Object.entries(services).map(([name, service]) => [name, rewriteService(name, service, plan)])) };
  out.networks = labelled(document.networks, plan.labels, ['default']);
  if (document.volumes !== undefined) out.volumes = labelled(document.volumes, plan.labels);
  return out;
}
