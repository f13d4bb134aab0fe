// The key of the run handle in Vitest's provide/inject, typed for both sides.
import type { RunHandle } from '@docker-wrapper/templates';

export const PROVIDE_KEY = 'dockerWrapperRun' as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The docker-wrapper run of this Vitest process (connections, coordinator address). */
    dockerWrapperRun: RunHandle;
  }
}
