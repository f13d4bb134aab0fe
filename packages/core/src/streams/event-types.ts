// The typed events of `docker events`: one interface per object type, discriminated by `type`.

/** The object types `docker events --filter type=` accepts. */
export const EVENT_TYPES = ['container', 'image', 'network', 'volume', 'daemon', 'plugin', 'service', 'node', 'secret', 'config'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

// `(string & {})` keeps editor completion for the known actions while accepting new ones.
export type ContainerAction =
  | 'attach' | 'commit' | 'copy' | 'create' | 'destroy' | 'detach' | 'die' | 'exec_create' | 'exec_detach' | 'exec_die'
  | 'exec_start' | 'export' | 'health_status' | 'kill' | 'oom' | 'pause' | 'rename' | 'resize' | 'restart' | 'start'
  | 'stop' | 'top' | 'unpause' | 'update' | 'prune' | (string & {});
export type ImageAction = 'delete' | 'import' | 'load' | 'pull' | 'push' | 'save' | 'tag' | 'untag' | 'prune' | (string & {});
export type NetworkAction = 'create' | 'connect' | 'disconnect' | 'destroy' | 'update' | 'remove' | 'prune' | (string & {});
export type VolumeAction = 'create' | 'mount' | 'unmount' | 'destroy' | 'prune' | (string & {});

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

interface EventBase {
  /** The base action word: `health_status`, `exec_start`, `die`. */
  action: string;
  /** What docker appended after `: ` to the action (`unhealthy`, `sh -c echo hi`), if anything. */
  detail?: string;
  /** The id of the object (container id, image id, network id, volume name). */
  id: string;
  /** Every attribute docker sent, as is (labels included for containers and images). */
  attributes: Readonly<Record<string, string>>;
  /** When it happened, in milliseconds since the Unix epoch (sub-millisecond part as a fraction). */
  time: number;
  /** `local` or `swarm`. */
  scope: string;
}

export interface ContainerEvent extends EventBase {
  type: 'container';
  action: ContainerAction;
  containerId: string;
  containerName: string;
  image: string;
  /** On `die` and `exec_die`. */
  exitCode?: number;
  /** On `kill`: the signal number or name docker reports. */
  signal?: string;
  /** On `health_status`. */
  healthStatus?: HealthStatus;
  /** On `exec_*`. */
  execId?: string;
  /** On `rename`: the previous name (without the leading `/`). */
  oldName?: string;
  /** The container's labels (the attributes that are not one of the fields above). */
  labels: Readonly<Record<string, string>>;
}

export interface ImageEvent extends EventBase {
  type: 'image';
  action: ImageAction;
  imageId: string;
  /** The reference (`name:tag`) the event is about, when docker gives one. */
  imageName: string;
  labels: Readonly<Record<string, string>>;
}

export interface NetworkEvent extends EventBase {
  type: 'network';
  action: NetworkAction;
  networkId: string;
  networkName: string;
  /** The driver (`bridge`, `overlay`). */
  driver: string;
  /** On `connect` and `disconnect`. */
  containerId?: string;
}

export interface VolumeEvent extends EventBase {
  type: 'volume';
  action: VolumeAction;
  volumeName: string;
  driver: string;
  /** On `mount` and `unmount`. */
  containerId?: string;
  /** On `mount`: the path inside the container. */
  destination?: string;
}

/** Daemon, plugin and swarm events, and any type a newer engine adds (`type: 'other'`). */
export interface OtherEvent extends EventBase {
  type: Exclude<EventType, 'container' | 'image' | 'network' | 'volume'> | 'other';
  /** The type as docker spelled it. */
  rawType: string;
  name: string;
}

export type DockerEvent = ContainerEvent | ImageEvent | NetworkEvent | VolumeEvent | OtherEvent;
