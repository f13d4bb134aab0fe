// The plugin: checks its options when the config loads, adds the global setup that starts the
// services and the setup file that reports diagnostics for failed tests.
import { fileURLToPath } from 'node:url';
import type { TemplateMap } from '@docker-wrapper/templates';
import type { Plugin } from 'vitest/config';
import { normalizeOptions, type DockerServicesOptions } from './options.js';
import { definitionKey } from './shared-runs.js';

export const PLUGIN_NAME = 'docker-wrapper:vitest';

/** What the global setup reads from the plugin (Vite's `api` convention). */
export interface DockerServicesApi<M extends TemplateMap = TemplateMap> {
  options: DockerServicesOptions<M>;
  /** Equal for equal definitions: projects that name the same services share one run. */
  key: string;
}

export type DockerServicesPlugin<M extends TemplateMap = TemplateMap> = Plugin<DockerServicesApi<M>> & { api: DockerServicesApi<M> };

const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Starts the services once per Vitest run (shared by every project that names the same ones) and
 * stops them when Vitest exits; tests read them with `services()` from `@docker-wrapper/vitest/runtime`.
 * @example
 * export default defineConfig({
 *   plugins: [dockerServices({ services: { db: postgres(), cache: redis() } })],
 * });
 */
export function dockerServices<M extends TemplateMap>(options: DockerServicesOptions<M>): DockerServicesPlugin<M> {
  const normalized = normalizeOptions(options);
  const { services, ...rest } = normalized;
  const api: DockerServicesApi<M> = { options: normalized, key: definitionKey({ services, ...rest }) };
  return {
    name: PLUGIN_NAME,
    api,
    config() {
      const setupFiles = normalized.diagnostics === false ? [] : [file('./setup-file.js')];
      return { test: { globalSetup: [file('./global-setup.js')], setupFiles } };
    },
  };
}
