// Where test processes find the run: the global setup puts its plain handle (JSON) in
// DOCKER_WRAPPER_RUN, which Jest's workers inherit. It holds the services' passwords: it is handed
// to processes, never printed.
import { RUN_HANDLE_ENV, parseRunHandle, type RunHandle } from '@docker-wrapper/templates/worker';

let cached: { raw: string; handle: RunHandle } | undefined;

// The run handle in `env`, checked (parsed again only when it changes); undefined when none is set.
export function readRunHandle(env: NodeJS.ProcessEnv = process.env): RunHandle | undefined {
  const raw = env[RUN_HANDLE_ENV];
  if (!raw) return undefined;
  if (cached?.raw !== raw) cached = { raw, handle: parseRunHandle(raw, RUN_HANDLE_ENV) };
  return cached.handle;
}
