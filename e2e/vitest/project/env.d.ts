// Types `services()` in every test file of this project from the same map the config starts.
// The map is imported under another name: inside the augmented module, `services` is the
// runtime's own accessor.
import type { services as appServices } from './services.js';

declare module '@docker-wrapper/vitest/runtime' {
  interface Register {
    services: typeof appServices;
  }
}
