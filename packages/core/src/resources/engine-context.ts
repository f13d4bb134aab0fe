// What the resource managers share from their Docker client (passed in, never a global).
import type { EngineKind } from '../cli/engine-kind.js';
import type { Executor } from '../cli/executor.js';
import type { ImageSubstitution } from '../options/image-reference.js';
import type { OpenStreams } from '../streams/open-streams.js';

export interface EngineContext {
  executor: Executor;
  /** Address where published ports are reached from this process. */
  host: string;
  /** Bind address for ports without an explicit host IP. */
  defaultHostIp: string;
  sessionId: string;
  /** Fresh labels for a resource created now. */
  labels(): Record<string, string>;
  substitution: ImageSubstitution;
  /** Keep failed containers for debugging (DOCKER_WRAPPER_KEEP=1). */
  keep: boolean;
  /** The engine runs on this machine. */
  localEngine: boolean;
  /** Docker or Podman (whose API differs in places: see docs/engines.md). */
  engineKind: EngineKind;
  /** The streams handed out and still open, ended at close(). */
  openStreams?: OpenStreams;
}
