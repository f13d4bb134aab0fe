// Typed errors: every error this package throws on purpose carries a stable `code`.

export type ErrorCode =
  | 'DOCKER_NOT_FOUND'
  | 'SPAWN_FAILED'
  | 'DAEMON_UNREACHABLE'
  | 'COMMAND_FAILED'
  | 'COMMAND_TIMEOUT'
  | 'COMMAND_ABORTED'
  | 'IMAGE_NOT_FOUND'
  | 'PORT_ALLOCATED'
  | 'NAME_IN_USE'
  | 'NO_SUCH_CONTAINER'
  | 'NO_SUCH_RESOURCE'
  | 'PORT_NOT_PUBLISHED'
  | 'INVALID_OPTION'
  | 'PARSE_ERROR'
  | 'STARTUP_FAILED'
  | 'STREAM_FAILED'
  | 'MISSING_DEPENDENCY'
  | 'CLOSED'
  | 'UNSUPPORTED_NODE'
  | 'TRANSPORT_UNAVAILABLE';

// Base class of every error with a code.
export class DockerWrapperError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DockerWrapperError';
    this.code = code;
  }
}

export interface CommandFailure {
  /** The docker arguments, with secret values redacted. */
  args: readonly string[];
  exitCode: number | undefined;
  stderr: string;
  durationMs: number;
}

// A docker process that failed, timed out or was aborted.
export class DockerCommandError extends DockerWrapperError implements CommandFailure {
  readonly args: readonly string[];
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly durationMs: number;
  constructor(code: ErrorCode, message: string, failure: CommandFailure, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DockerCommandError';
    this.args = failure.args;
    this.exitCode = failure.exitCode;
    this.stderr = failure.stderr;
    this.durationMs = failure.durationMs;
  }
}

// A bad option, found before any docker process starts. Also a TypeError for `instanceof` checks
// by users who only know the standard classes.
export class InvalidOptionError extends TypeError {
  readonly code = 'INVALID_OPTION' as const;
  readonly option: string;
  constructor(option: string, value: unknown, expected: string) {
    super(`Invalid \`${option}\`: ${describeValue(value)}. ${expected}`);
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}

// Shows a value in an error message without flooding it.
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export interface StartupFailureDetails {
  /** What went wrong: the container exited, turned unhealthy, the budget ran out, or docker failed. */
  reason: 'exited' | 'unhealthy' | 'timeout' | 'failed';
  /** The strategy that waited. */
  strategy: string;
  elapsedMs: number;
  containerId?: string;
  containerName?: string;
  image: string;
  state?: {
    status: string;
    exitCode: number;
    oomKilled: boolean;
    restartCount: number;
    health?: string;
    lastHealthOutput?: string;
  };
  /** The container's last log lines (secrets masked). */
  logs: string[];
}

// A container that did not become ready: says why, after how long, in what state, with its logs.
export class StartupError extends DockerWrapperError implements StartupFailureDetails {
  readonly reason: StartupFailureDetails['reason'];
  readonly strategy: string;
  readonly elapsedMs: number;
  readonly containerId: string | undefined;
  readonly containerName: string | undefined;
  readonly image: string;
  readonly state: StartupFailureDetails['state'];
  readonly logs: string[];
  constructor(details: StartupFailureDetails, summary: string, options?: { cause?: unknown }) {
    super('STARTUP_FAILED', formatStartupFailure(details, summary), options);
    this.name = 'StartupError';
    this.reason = details.reason;
    this.strategy = details.strategy;
    this.elapsedMs = details.elapsedMs;
    this.containerId = details.containerId;
    this.containerName = details.containerName;
    this.image = details.image;
    this.state = details.state;
    this.logs = details.logs;
  }
}

function formatStartupFailure(details: StartupFailureDetails, summary: string): string {
  const seconds = (details.elapsedMs / 1000).toFixed(1);
  const lines = [`Container ${details.containerName ?? '(not created)'} (${details.image}) did not become ready after ${seconds} s waiting for ${details.strategy}: ${summary}`];
  const state = details.state;
  if (state) {
    const health = state.health ? `, health ${state.health}${state.lastHealthOutput ? ` (last check: ${JSON.stringify(state.lastHealthOutput.trim().slice(0, 200))})` : ''}` : '';
    lines.push(`State: ${state.status}, exit code ${state.exitCode}, OOMKilled ${state.oomKilled ? 'yes' : 'no'}, restarts ${state.restartCount}${health}`);
  }
  if (details.logs.length > 0) {
    lines.push(`Last ${details.logs.length} log line(s):`, ...details.logs.map((line) => `  | ${line}`));
  } else if (details.containerId) {
    lines.push('The container printed no output.');
  }
  return lines.join('\n');
}
