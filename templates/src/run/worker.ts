// The worker side of a run, for test processes that hold only its plain handle: parse the handle,
// talk to the coordinator, build `services()`. Nothing here imports @docker-wrapper/core at run
// time; `@docker-wrapper/templates/worker` also ships as CommonJS (tsconfig.cjs.json) for
// sandboxes that cannot load ES modules, such as Jest's module registry.
export { RUN_HANDLE_ENV, parseRunHandle } from './handle.js';
export type { RunHandle, RunServiceInfo } from './handle.js';
export { RunClient } from './client.js';
export type { RunDiagnostics } from './client.js';
export { createServicesAccessor } from './accessor.js';
export type { ServicesAccessor, AccessorSource } from './accessor.js';
export { RunConnectionError, RunOptionError, RunRequestError } from './errors.js';
