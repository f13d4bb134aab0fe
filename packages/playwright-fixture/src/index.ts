// Public API of @docker-wrapper/playwright: `withServices()` adds services to a Playwright test as
// worker fixtures; `servicesSetup()` makes the global setup that starts them once per run.
export { withServices } from './fixtures.js';
export type { RunServices, ServiceFixtures, ServicesFor } from './fixtures.js';
export { servicesSetup } from './global-setup.js';
export type { ServicesGlobalSetup } from './global-setup.js';
export type { ServicesMode, ServicesSetupOptions, WithServicesOptions } from './options.js';
export { PLAYWRIGHT_FIXTURES } from './names.js';
export { RUN_ENV } from './run-env.js';
export { ATTACHMENT } from './diagnostics.js';
