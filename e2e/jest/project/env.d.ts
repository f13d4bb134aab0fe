// Types `services()` in this project's TypeScript tests from the config file the preset starts
// (a JavaScript file: TypeScript infers its type with `allowJs`).
import type config from './docker-wrapper.config.mjs';

declare module '@docker-wrapper/jest/runtime' {
  interface Register {
    config: typeof config;
  }
}
