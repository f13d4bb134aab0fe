// The options of withServices() and servicesSetup(): checked where they are written, before any
// docker process starts.
import { InvalidOptionError, didYouMean, validateConnectOptions, type ConnectOptions } from '@docker-wrapper/core';
import { validateTemplateMap, type TemplateMap } from '@docker-wrapper/templates';
import { checkServiceNames } from './names.js';

/** How the services of a run are shared between Playwright's workers. */
export type ServicesMode = 'shared' | 'per-worker';

export interface ServicesSetupOptions {
  /**
   * `shared` (default): one set of containers for the run, a database (a logical Redis db, a topic
   * prefix) of its own per worker. `per-worker`: one set of containers per worker slot.
   */
  mode?: ServicesMode;
  /** Record events and stats for the diagnostics of failed tests (default true). */
  diagnostics?: boolean;
  /** Reuse running containers with the same spec across runs (shared mode only; default: each template's own). */
  reuse?: boolean;
  /** Keep the containers when the run ends (default: DOCKER_WRAPPER_KEEP=1). */
  keep?: boolean;
  /** How to reach the engine (host, context, image map, sessionId, ...). */
  docker?: ConnectOptions;
}

export interface WithServicesOptions {
  /** Attach the services' diagnostics to a failed test (default true). */
  diagnostics?: boolean;
}

const SETUP_KNOWN = ['mode', 'diagnostics', 'reuse', 'keep', 'docker'] as const;
const FIXTURE_KNOWN = ['diagnostics'] as const;
const MODES: readonly ServicesMode[] = ['shared', 'per-worker'];

// The map both functions take: templates under names that leave Playwright's fixtures alone.
export function checkServices(option: string, services: unknown): TemplateMap {
  const map = validateTemplateMap(option, services);
  checkServiceNames(option, Object.keys(map));
  return map;
}

function checkObject(option: string, value: unknown, known: readonly string[], example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidOptionError(option, value, `Expected an object like \`${example}\`.`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw new InvalidOptionError(`${option}.${key}`, record[key], `No such option.${didYouMean(key, known)} Known options: ${known.join(', ')}.`);
  }
  return record;
}

function checkBoolean(option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new InvalidOptionError(option, value, 'Expected true or false.');
}

export function normalizeSetupOptions(options: ServicesSetupOptions): Required<Pick<ServicesSetupOptions, 'mode'>> & ServicesSetupOptions {
  const record = checkObject('servicesSetup() options', options, SETUP_KNOWN, "{ mode: 'per-worker' }");
  for (const key of ['diagnostics', 'reuse', 'keep'] as const) checkBoolean(`servicesSetup.${key}`, record[key]);
  const mode = record.mode ?? 'shared';
  if (!MODES.includes(mode as ServicesMode)) throw new InvalidOptionError('servicesSetup.mode', mode, `Expected ${MODES.map((m) => `'${m}'`).join(' or ')}.${didYouMean(String(mode), MODES)}`);
  if (mode === 'per-worker' && record.reuse === true) {
    throw new InvalidOptionError('servicesSetup.reuse', true, "Per-worker mode starts one set of containers per worker; `reuse: true` would hand every worker the same running one. Use mode 'shared' with reuse, or leave reuse out.");
  }
  if (record.docker !== undefined) validateConnectOptions(record.docker, 'servicesSetup.docker.');
  return { ...options, mode: mode as ServicesMode };
}

export function normalizeFixtureOptions(options: WithServicesOptions): WithServicesOptions {
  const record = checkObject('withServices() options', options, FIXTURE_KNOWN, '{ diagnostics: false }');
  for (const key of FIXTURE_KNOWN) checkBoolean(`withServices.${key}`, record[key]);
  return options;
}
