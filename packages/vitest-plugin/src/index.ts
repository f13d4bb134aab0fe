// Public API of @docker-wrapper/vitest (the config side): `dockerServices()`, a Vite plugin that
// starts the services once per Vitest run in a global setup and hands tests plain connections.
export { dockerServices, PLUGIN_NAME } from './plugin.js';
export type { DockerServicesPlugin, DockerServicesApi } from './plugin.js';
export type { DockerServicesOptions } from './options.js';
