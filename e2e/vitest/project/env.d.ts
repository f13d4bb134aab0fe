// Types `services()` in every test file of this project from the same map the config starts (the
// widest variant's). Had the map been named `services`, it would be imported under another name:
// inside the augmented module, `services` is the runtime's own accessor.
import type { everything } from './services.js';

declare module '@docker-wrapper/vitest/runtime' {
  interface Register {
    services: typeof everything;
  }
}
