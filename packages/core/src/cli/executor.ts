// The one place that starts docker processes: every docker call of this package goes through it.
import { execa, type ResultPromise } from 'execa';
import { DockerCommandError, DockerWrapperError } from '../errors.js';
import { classifyStderr, summarizeStderr } from './classify.js';
import { explainSpawnFailure, spawnFacts } from './spawn-failure.js';
import type { DockerCommand } from './command.js';
import { ApiTransportError, type ApiClient } from '../transport/client.js';
import { daemonErrorText } from '../transport/daemon-error.js';
import type { ApiRoute } from '../transport/route.js';
import type { Redactor } from './redact.js';
import { OWN_PROCESS } from './own-process.js';


export interface CallOptions {
  /** Kills the docker process after this many milliseconds. */
  timeoutMs?: number;
  /** Kills the docker process when aborted. */
  signal?: AbortSignal;
  /** Written to the process's standard input. */
  input?: string;
}

/** A long-running docker process started by `Executor.spawn`. */
export type StreamingProcess = ResultPromise<{ reject: false; all: boolean; buffer: false; stdin: 'ignore' }>;

/** A docker process with an open stdin, started by `Executor.spawnInteractive`. */
export type InteractiveProcess = ResultPromise<{ reject: false; buffer: false; stdin: 'pipe' }>;

export interface RawResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Told about each long-running docker process (the session's reaper kills those left when this process dies). */
export interface ProcessWatcher {
  started(pid: number): void;
  ended(pid: number): void;
}

export interface ExecutorOptions {
  binary: string;
  /** The environment of every docker process (DOCKER_HOST / DOCKER_CONTEXT already resolved). */
  env: Record<string, string | undefined>;
  redactor: Redactor;
  defaultTimeoutMs?: number;
  /** Speaks the Engine API for the commands that have an API form (the `api` transport). */
  api?: ApiClient | undefined;
}

/** How the request/response calls reach the engine: the Engine API over dial-stdio, or one CLI process each. */
export type Transport = 'api' | 'cli';

// The exit code the CLI gives a daemon error: 125 for `run` and `create`, else 1.
function cliExitCode(args: readonly string[]): number {
  return args[0] === 'run' || args[0] === 'create' ? 125 : 1;
}

// Runs docker commands with timeouts, cancellation and typed, redacted errors.
export class Executor {
  readonly binary: string;
  readonly env: Record<string, string | undefined>;
  readonly redactor: Redactor;
  readonly #defaultTimeoutMs: number;
  /** How many docker processes this executor started (for benchmarks and tests). */
  spawned = 0;
  /** How many calls went over the Engine API (for benchmarks and tests). */
  apiCalls = 0;
  #watcher: ProcessWatcher | undefined;
  #api: ApiClient | undefined;

  constructor(options: ExecutorOptions) {
    this.binary = options.binary;
    this.env = options.env;
    this.redactor = options.redactor;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 120_000;
    this.#api = options.api;
  }

  /** `api` when commands with an API form go over the Engine API, else `cli`. */
  get transport(): Transport {
    return this.#api ? 'api' : 'cli';
  }

  /** The Engine API client, when the transport is `api`. */
  get api(): ApiClient | undefined {
    return this.#api;
  }

  // From now on every command goes through the CLI (the API was refused or is unavailable); the
  // API connections are closed.
  useCli(): void {
    this.#api?.close();
    this.#api = undefined;
  }

  // Runs a command and parses its output; throws a DockerCommandError when docker fails.
  async run<T>(command: DockerCommand<T>, options: CallOptions = {}): Promise<T> {
    if (command.api && this.#api) return this.#viaApi(this.#api, command.args, command.api, options);
    const result = await this.raw(command.args, options);
    if (result.exitCode !== 0) throw this.failure(command.args, result);
    try {
      return command.parse(result.stdout);
    } catch (cause) {
      throw new DockerWrapperError('PARSE_ERROR', `Could not read the output of \`docker ${this.redactor.args(command.args).join(' ')}\`: ${String(cause)}`, { cause });
    }
  }

  // A call that has only an API form (the create of a `docker run`), named by the CLI arguments it
  // stands for, so its errors read as theirs. Only on the `api` transport.
  async request<T>(args: readonly string[], route: ApiRoute<T>, options: CallOptions = {}): Promise<T> {
    if (!this.#api) throw new DockerWrapperError('COMMAND_FAILED', `\`docker ${this.redactor.args(args).join(' ')}\` has no CLI form here: the session does not speak the Engine API.`);
    return this.#viaApi(this.#api, args, route, options);
  }

  // The API form of a command. A daemon error reads as the CLI's would (`Error response from
  // daemon: ...`, same code); no answer is a timeout, an abort, or the connection's own error.
  async #viaApi<T>(api: ApiClient, args: readonly string[], route: ApiRoute<T>, options: CallOptions): Promise<T> {
    this.apiCalls++;
    const started = performance.now();
    const since = () => Math.round(performance.now() - started);
    let response;
    try {
      response = await api.request(route, { timeoutMs: Math.ceil(options.timeoutMs ?? this.#defaultTimeoutMs), signal: options.signal });
    } catch (error) {
      throw this.#transportFailure(args, error, since());
    }
    const { status, body } = response;
    if ((status >= 200 && status < 300) || route.alsoOk?.includes(status)) {
      try {
        return route.parse(body);
      } catch (cause) {
        throw new DockerWrapperError('PARSE_ERROR', `Could not read the answer to \`docker ${this.redactor.args(args).join(' ')}\`: ${String(cause)}`, { cause });
      }
    }
    throw this.failure(args, { exitCode: cliExitCode(args), stderr: daemonErrorText(status, body), durationMs: since() });
  }

  // The typed error for an API call that got no answer, worded as the CLI call's would be.
  #transportFailure(args: readonly string[], error: unknown, durationMs: number): DockerCommandError {
    if (!(error instanceof ApiTransportError)) throw error;
    if (error.errno) return this.spawnFailure(['system', 'dial-stdio'], { code: error.errno, message: error.message }, durationMs);
    const shown = this.redactor.args(args);
    const stderr = this.redactor.text(error.stderr);
    const failure = { args: shown, exitCode: undefined, stderr, durationMs };
    if (error.kind === 'timeout') return new DockerCommandError('COMMAND_TIMEOUT', `\`docker ${shown.join(' ')}\` timed out after ${durationMs} ms`, failure);
    if (error.kind === 'aborted') return new DockerCommandError('COMMAND_ABORTED', `\`docker ${shown.join(' ')}\` was aborted`, failure, { cause: error.cause });
    // The connection's process says why (daemon unreachable, ssh refused); else the CLI's words.
    const said = stderr.trim() || `error during connect: the connection to the engine was lost (${this.redactor.text(error.message)})`;
    return this.failure(args, { exitCode: cliExitCode(args), stderr: `${said}\n`, durationMs });
  }

  // Runs docker and returns the exit code and output whatever the exit code (for `exec`, `wait`).
  async raw(args: readonly string[], options: CallOptions = {}): Promise<RawResult> {
    this.spawned++;
    const started = performance.now();
    const since = () => Math.round(performance.now() - started);
    let result;
    try {
      result = await execa(this.binary, args, {
        ...OWN_PROCESS,
        env: this.env,
        reject: false,
        stripFinalNewline: false,
        timeout: Math.ceil(options.timeoutMs ?? this.#defaultTimeoutMs),
        ...(options.signal ? { cancelSignal: options.signal } : {}),
        ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
      });
    } catch (error) {
      // execa throws before spawning when it cannot tell the working folder (removed under Node).
      throw this.spawnFailure(args, error, since());
    }
    const durationMs = since();
    const failure = { args: this.redactor.args(args), exitCode: result.exitCode, stderr: this.redactor.text(String(result.stderr ?? '')), durationMs };
    if (result.timedOut) {
      throw new DockerCommandError('COMMAND_TIMEOUT', `\`docker ${failure.args.join(' ')}\` timed out after ${durationMs} ms`, failure);
    }
    if (result.isCanceled) {
      throw new DockerCommandError('COMMAND_ABORTED', `\`docker ${failure.args.join(' ')}\` was aborted`, failure, { cause: options.signal?.reason });
    }
    if (result.exitCode === undefined) {
      if (!result.signal) throw this.spawnFailure(args, result, durationMs);
      throw new DockerCommandError('COMMAND_FAILED', `\`docker ${failure.args.join(' ')}\` could not run: ${this.redactor.text(result.shortMessage ?? `killed by ${result.signal}`)}`, failure);
    }
    return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), durationMs };
  }

  // Starts a long-running docker process (logs -f, events, stats) for the stream helpers.
  // A failure to start shows in the process's result (exitCode undefined: see spawnFailure()), or is
  // thrown at once as a DockerCommandError when execa cannot even try.
  spawn(args: readonly string[], options: { signal?: AbortSignal; all?: boolean } = {}): StreamingProcess {
    this.spawned++;
    let child: StreamingProcess;
    try {
      child = execa(this.binary, args, {
        ...OWN_PROCESS,
        env: this.env,
        reject: false,
        buffer: false,
        all: options.all ?? false,
        stdin: 'ignore',
        ...(options.signal ? { cancelSignal: options.signal } : {}),
      });
    } catch (error) {
      throw this.spawnFailure(args, error);
    }
    const { pid } = child;
    const watcher = this.#watcher;
    if (watcher && pid !== undefined) {
      watcher.started(pid);
      void child.then(() => watcher.ended(pid));
    }
    return child;
  }

  // From now on, tells `watcher` about every process spawn() starts and when it ends.
  watchProcesses(watcher: ProcessWatcher): void {
    this.#watcher = watcher;
    this.#api?.watchProcesses(watcher);
  }

  // Starts a docker process whose stdin stays open for a conversation (`docker exec -i ... psql`).
  // Its output is read as it comes; nothing is buffered.
  spawnInteractive(args: readonly string[]): InteractiveProcess {
    this.spawned++;
    try {
      return execa(this.binary, args, { ...OWN_PROCESS, env: this.env, reject: false, buffer: false, stdin: 'pipe' });
    } catch (error) {
      throw this.spawnFailure(args, error);
    }
  }

  // The typed error for a docker process that could not be started: the system's error code (errno)
  // and what it means here (`DOCKER_NOT_FOUND` only when the binary is missing, else `SPAWN_FAILED`).
  // `error` is execa's error or failed result; it becomes the cause.
  spawnFailure(args: readonly string[], error: unknown, durationMs = 0): DockerCommandError {
    const failed = error as { code?: unknown; originalMessage?: unknown; message?: unknown; cause?: unknown };
    const errno = typeof failed.code === 'string' ? failed.code : undefined;
    const detail = this.redactor.text(String(failed.originalMessage ?? failed.message ?? error).replace(/\s*\n\s*/g, ' '));
    const { code, reason } = explainSpawnFailure(errno, detail, spawnFacts(this.binary, this.env));
    const shown = this.redactor.args(args);
    return new DockerCommandError(code, `\`docker ${shown.join(' ')}\` could not start: ${reason}`, { args: shown, exitCode: undefined, stderr: '', durationMs }, { cause: failed.cause ?? error });
  }

  // The typed error for a docker call that exited non-zero.
  failure(args: readonly string[], result: Pick<RawResult, 'exitCode' | 'stderr' | 'durationMs'>): DockerCommandError {
    const stderr = this.redactor.text(result.stderr);
    const shown = this.redactor.args(args);
    const code = classifyStderr(stderr);
    return new DockerCommandError(
      code,
      `\`docker ${shown.join(' ')}\` failed (exit ${result.exitCode}): ${summarizeStderr(stderr) || 'no error output'}`,
      { args: shown, exitCode: result.exitCode, stderr, durationMs: result.durationMs },
    );
  }
}
