// Types `services()` in the fault specs from the map the config starts.
import type { services as faultServices } from './services.js';

declare module '@docker-wrapper/vitest/runtime' {
  interface Register {
    services: typeof faultServices;
  }
}
