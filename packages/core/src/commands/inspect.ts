// Reads `docker inspect` output of a container into plain, typed data (pure).

export interface HealthLogEntry {
  exitCode: number;
  output: string;
  start: string;
  end: string;
}

export interface ContainerState {
  status: string;
  running: boolean;
  paused: boolean;
  restarting: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt: string;
  finishedAt: string;
  /** The main process's pid on the engine's host (0 when not running). */
  pid: number;
  health?: { status: string; failingStreak: number; log: HealthLogEntry[] };
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  restartCount: number;
  state: ContainerState;
  labels: Record<string, string>;
  /** `'6379/tcp'` -> host bindings. */
  ports: Record<string, { hostIp: string; hostPort: number }[]>;
  exposedPorts: string[];
  networks: Record<string, { ipAddress: string; aliases: string[] }>;
  hasHealthCheck: boolean;
  memoryLimitBytes: number;
  /** The container's environment (may hold secrets: never print it). */
  env: Record<string, string>;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

// One container's inspect object into ContainerInfo.
export function toContainerInfo(raw: unknown): ContainerInfo {
  const data = obj(raw);
  const state = obj(data.State);
  const config = obj(data.Config);
  const health = state.Health ? obj(state.Health) : undefined;
  const portsRaw = obj(obj(data.NetworkSettings).Ports);
  const ports: ContainerInfo['ports'] = {};
  for (const [key, bindings] of Object.entries(portsRaw)) {
    ports[key] = (Array.isArray(bindings) ? bindings : []).map((b) => ({ hostIp: str(obj(b).HostIp), hostPort: Number(str(obj(b).HostPort)) }));
  }
  const networks: ContainerInfo['networks'] = {};
  for (const [name, net] of Object.entries(obj(obj(data.NetworkSettings).Networks))) {
    const aliases = obj(net).Aliases;
    networks[name] = { ipAddress: str(obj(net).IPAddress), aliases: Array.isArray(aliases) ? aliases.map(String) : [] };
  }
  const healthTest = obj(config.Healthcheck).Test;
  return {
    id: str(data.Id),
    name: str(data.Name).replace(/^\//, ''),
    image: str(config.Image),
    imageId: str(data.Image),
    created: str(data.Created),
    restartCount: num(data.RestartCount),
    state: {
      // Podman says `stopped` for a container that ran and ended, where Docker says `exited`.
      status: str(state.Status) === 'stopped' ? 'exited' : str(state.Status),
      running: state.Running === true,
      paused: state.Paused === true,
      restarting: state.Restarting === true,
      exitCode: num(state.ExitCode),
      oomKilled: state.OOMKilled === true,
      error: str(state.Error),
      startedAt: str(state.StartedAt),
      finishedAt: str(state.FinishedAt),
      pid: num(state.Pid),
      ...(health
        ? {
            health: {
              status: str(health.Status),
              failingStreak: num(health.FailingStreak),
              log: (Array.isArray(health.Log) ? health.Log : []).map((entry) => ({
                exitCode: num(obj(entry).ExitCode),
                output: str(obj(entry).Output),
                start: str(obj(entry).Start),
                end: str(obj(entry).End),
              })),
            },
          }
        : {}),
    },
    labels: Object.fromEntries(Object.entries(obj(config.Labels)).map(([k, v]) => [k, str(v)])),
    ports,
    exposedPorts: Object.keys(obj(config.ExposedPorts)),
    networks,
    hasHealthCheck: Array.isArray(healthTest) && healthTest.length > 0 && healthTest[0] !== 'NONE',
    memoryLimitBytes: num(obj(data.HostConfig).Memory),
    env: Object.fromEntries((Array.isArray(config.Env) ? config.Env : []).map(String).map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    })),
  };
}

// What is known of a container before it is inspected: its id, name and image, and the ports it
// publishes on host ports chosen before the start (`ports`).
export function placeholderInfo(id: string, name: string, image: string, ports: ContainerInfo['ports'] = {}): ContainerInfo {
  return {
    id, name, image, imageId: '', created: '', restartCount: 0,
    state: { status: 'running', running: true, paused: false, restarting: false, exitCode: 0, oomKilled: false, error: '', startedAt: '', finishedAt: '', pid: 0 },
    labels: {}, ports, exposedPorts: [], networks: {}, hasHealthCheck: false, memoryLimitBytes: 0, env: {},
  };
}

// `docker inspect` output (a JSON array) into ContainerInfo objects.
export function parseContainerInspect(stdout: string): ContainerInfo[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error('docker inspect did not print an array');
  return parsed.map(toContainerInfo);
}
