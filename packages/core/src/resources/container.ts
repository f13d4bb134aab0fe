// A handle on a running container: its address and ports, and everything one does with it.
import { engineLogTail } from '../cli/engine-kind.js';
import type { CallOptions } from '../cli/executor.js';
import { DockerCommandError, DockerWrapperError } from '../errors.js';
import { validateArgv, validateContainerPath, validateEnvKey, validateUser } from '../options/validate.js';
import {
  copyCommand, execArgs, inspectContainerCommand, isExecRefusal, killCommand, logsArgs, removeContainersCommand, restartCommand, simpleCommand,
  stopCommand, waitCommand, commitCommand, type ExecArgsOptions, type LogsArgsOptions,
} from '../commands/containers.js';
import type { ContainerInfo } from '../commands/inspect.js';
import { LiveStream } from '../streams/live-stream.js';
import { processLines } from '../streams/process-lines.js';
import type { WaitStrategy } from '../wait/context.js';
import { awaitReadiness } from '../wait/readiness.js';
import type { EngineContext } from './engine-context.js';
import type { Protocol } from './container-spec.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions extends ExecArgsOptions, Omit<CallOptions, 'input'> {
  /** Written to the command's stdin. */
  input?: string;
}

export interface LogsOptions extends LogsArgsOptions {
  signal?: AbortSignal;
}

export interface RestartOptions {
  /** Seconds docker waits for the process to stop before it kills it (docker's default: 10). */
  timeoutSeconds?: number;
  /** What tells the container is ready again; without one, restart() returns once it runs. */
  waitFor?: WaitStrategy;
  /** Budget for the restart and `waitFor` in ms (default 60 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class Container implements AsyncDisposable {
  readonly id: string;
  readonly name: string;
  /** Host name or address where this container's published ports are reached. */
  readonly host: string;
  /** The image reference docker ran (after substitution). */
  readonly image: string;
  readonly #context: EngineContext;
  #info: ContainerInfo;
  #removed = false;

  constructor(context: EngineContext, info: ContainerInfo) {
    this.#context = context;
    this.#info = info;
    this.id = info.id;
    this.name = info.name;
    this.image = info.image;
    this.host = context.host;
  }

  /** The inspect data read when the container started (or last refreshed by `inspect()`). */
  get info(): ContainerInfo {
    return this.#info;
  }

  // The host port docker published for a container port.
  hostPort(containerPort: number, protocol: Protocol = 'tcp'): number {
    const bindings = this.#info.ports[`${containerPort}/${protocol}`];
    const port = bindings?.find((b) => b.hostPort > 0)?.hostPort;
    if (!port) {
      const published = Object.entries(this.#info.ports).filter(([, b]) => b.length > 0).map(([k]) => k);
      throw new DockerWrapperError('PORT_NOT_PUBLISHED', `Container ${this.name} does not publish ${containerPort}/${protocol}; published: ${published.join(', ') || 'none'}. Add \`.port(${containerPort})\` to the builder.`);
    }
    return port;
  }

  // Reads the container's current state from docker.
  async inspect(options: CallOptions = {}): Promise<ContainerInfo> {
    this.#info = await this.#context.executor.run(inspectContainerCommand(this.id), options);
    return this.#info;
  }

  // Runs a command inside the container; a non-zero exit is a result, not an error.
  async exec(cmd: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    validateArgv('exec', cmd);
    for (const key of Object.keys(options.env ?? {})) validateEnvKey('exec env', key);
    if (options.workdir !== undefined) validateContainerPath('exec workdir', options.workdir);
    if (options.user !== undefined) validateUser('exec user', options.user);
    const args = execArgs(this.id, cmd, { ...options, interactive: options.input !== undefined });
    const result = await this.#context.executor.raw(args, options);
    // docker's own refusal (not the command's exit code) is an error.
    if (result.exitCode !== 0 && isExecRefusal(result.stderr)) {
      throw this.#context.executor.failure(args, result);
    }
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * The container's output lines (stdout and stderr together), read from this call on: lines
   * printed before the first read wait for it. With `follow: true` it goes on until the consumer
   * stops (`break`, `return()`), the signal aborts, the session closes or the container is removed.
   * @example
   * const logs = c.logs({ follow: true, tail: 0 });  // only what is printed from now on
   * await c.exec(['sh', '-c', 'echo hello > /proc/1/fd/1']);
   * for await (const line of logs) if (line === 'hello') break;
   */
  logs(options: LogsOptions = {}): LiveStream<string> {
    const args = logsArgs(this.id, followFromNow(options, this.#context.localEngine));
    const executor = this.#context.executor;
    return new LiveStream((signal, hold) => processLines(executor, args, { all: true, signal, hold }), { signal: options.signal, openStreams: this.#context.openStreams });
  }

  // The last `count` lines of output, as an array (cut here where the engine's own tail cannot be
  // trusted: engineLogTail).
  async tail(count = 50): Promise<string[]> {
    const lines: string[] = [];
    const tail = engineLogTail(this.#context.engineKind, count);
    for await (const line of this.logs(tail === undefined ? {} : { tail })) {
      lines.push(line);
      if (lines.length > count) lines.shift();
    }
    return lines;
  }

  async stop(options: { timeoutSeconds?: number } = {}): Promise<void> {
    await this.#context.executor.run(stopCommand(this.id, options.timeoutSeconds ?? this.#defaultGrace()));
  }

  // Podman 4.3 reads a stop or restart without a timeout as 0 s (SIGKILL at once): give Docker's 10 s.
  #defaultGrace(): number | undefined {
    return this.#context.engineKind === 'podman' ? 10 : undefined;
  }

  async kill(signal = 'KILL'): Promise<void> {
    await this.#context.executor.run(killCommand(this.id, signal));
  }

  async pause(): Promise<void> {
    await this.#context.executor.run(simpleCommand('pause', this.id));
  }

  async unpause(): Promise<void> {
    await this.#context.executor.run(simpleCommand('unpause', this.id));
  }

  // Restarts the container: the same container, data, and explicitly published host ports. With
  // `waitFor`, resolves once that strategy is satisfied again (a StartupError with the container's
  // state and last log lines when it is not within `timeoutMs`).
  async restart(options: RestartOptions = {}): Promise<void> {
    const startedAt = performance.now();
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
    const budget = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const { executor } = this.#context;
    await executor.run(restartCommand(this.id, options.timeoutSeconds ?? this.#defaultGrace()), { signal: budget });
    await this.inspect({ signal: budget });
    if (options.waitFor) await awaitReadiness(this, options.waitFor, { executor, budget, startedAt, localEngine: this.#context.localEngine, image: this.image });
  }

  // Waits for the container to exit and returns its exit code.
  async wait(options: CallOptions = {}): Promise<number> {
    return this.#context.executor.run(waitCommand(this.id), { timeoutMs: 24 * 3600_000, ...options });
  }

  // Copies a host file or folder into the container.
  async copyTo(hostPath: string, containerPath: string): Promise<void> {
    await this.#context.executor.run(copyCommand(hostPath, `${this.id}:${containerPath}`));
  }

  // Copies a file or folder out of the container.
  async copyFrom(containerPath: string, hostPath: string): Promise<void> {
    await this.#context.executor.run(copyCommand(`${this.id}:${containerPath}`, hostPath));
  }

  // Saves the container's filesystem as an image (stop it first for a consistent snapshot). Labels
  // given here override the container's, e.g. to blank out session labels.
  async commit(tag: string, options: { labels?: Record<string, string>; changes?: string[] } = {}): Promise<string> {
    const changes = [...(options.changes ?? []), ...Object.entries(options.labels ?? {}).map(([k, v]) => `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`)];
    return this.#context.executor.run(commitCommand(this.id, tag, changes));
  }

  // The value of one environment variable the container was started with (undefined if unset).
  envValue(key: string): string | undefined {
    return this.#info.env[key];
  }

  // Removes the container (forced) with its anonymous volumes unless `volumes: false`.
  async remove(options: { volumes?: boolean } = {}): Promise<void> {
    if (this.#removed) return;
    try {
      await this.#context.executor.run(removeContainersCommand([this.id], options));
    } catch (error) {
      if (!(error instanceof DockerCommandError)) throw error;
      // Podman refuses `rm -f` of a container that is stopping at that moment ("could not be
      // stopped: ... container state improper"); once stopped, a second removal goes through.
      if (/could not be stopped: .*container state improper/i.test(error.stderr)) await this.#context.executor.run(removeContainersCommand([this.id], options));
      else if (!/No such container|is already in progress/i.test(error.stderr)) throw error;
    }
    this.#removed = true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }
}

// `tail: 0` follows "from now on"; docker starts reading a few ms after its process, so on this
// machine's clock that is `since` now, which loses no line printed in between.
function followFromNow(options: LogsOptions, localEngine: boolean): LogsOptions {
  if (!options.follow || options.tail !== 0 || options.since !== undefined || !localEngine) return options;
  const fromNow: LogsOptions = { ...options, since: new Date() };
  delete fromNow.tail;
  return fromNow;
}
