// The front door: `Docker.connect()` finds the binary and the engine, starts a session whose
// resources are all labelled, and `close()` removes them. No global client: each connect is its own.
import { contextUnusableMessage, engineSilentMessage, engineUnreachableMessage } from './cli/connect-errors.js';
import { Executor, type Transport } from './cli/executor.js';
import { Redactor } from './cli/redact.js';
import { beyondLoopback, engineKindOf, type EngineKind } from './cli/engine-kind.js';
import { dockerEnv, engineHostOf, isLocalEndpoint, resolveBinary, type RuntimeOptions } from './cli/runtime.js';
import { BackgroundWork } from './cleanup/background.js';
import { newSessionId, sessionLabels } from './cleanup/labels.js';
import { startReaper, type Reaper } from './cleanup/reaper.js';
import { otherSignalListeners } from './cleanup/signals.js';
import { countSession, sweepSession, type SweepResult } from './cleanup/sweep.js';
import { DockerCommandError, DockerWrapperError } from './errors.js';
import { substitutionFromEnv, type ImageSubstitution } from './options/image-reference.js';
import { validateConnectOptions } from './options/connect-options.js';
import { Containers } from './resources/containers.js';
import type { EngineContext } from './resources/engine-context.js';
import { Images } from './resources/images.js';
import { Networks } from './resources/networks.js';
import { Volumes } from './resources/volumes.js';
import { DiagnosticsRecorder } from './diagnostics/recorder.js';
import type { RecorderOptions } from './diagnostics/recorder-options.js';
import { Events } from './streams/events.js';
import { OpenStreams } from './streams/open-streams.js';
import { Stats } from './streams/stats.js';
import { ApiClient } from './transport/client.js';
import { resolveTransport } from './transport/choose.js';

export interface ConnectOptions extends RuntimeOptions {
  /** Reuse a session id (e.g. one shared by a test run's workers); a new one by default. */
  sessionId?: string;
  /** Extra labels on every resource of the session. */
  labels?: Record<string, string>;
  /** Image substitution pairs, checked before DOCKER_WRAPPER_IMAGE_MAP. */
  imageMap?: Record<string, string>;
  /** Prefix for Docker Hub references (default: DOCKER_WRAPPER_REGISTRY_PREFIX). */
  registryPrefix?: string;
  /** Bind address of published ports: 127.0.0.1 on a local engine, 0.0.0.0 on a remote one. */
  bindAddress?: string;
  /** Keep every resource at close (default: DOCKER_WRAPPER_KEEP=1). */
  keep?: boolean;
  /** Remove the session's resources if this process dies, even by SIGKILL (default true). */
  reaper?: boolean;
  /** Close the session on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  /**
   * How request/response calls reach the engine: `api` (default) speaks the Engine API over
   * long-lived `docker system dial-stdio` connections; `cli` runs one docker process per call.
   * Default: DOCKER_WRAPPER_TRANSPORT, else `api`, falling back to `cli` when the CLI cannot dial.
   */
  transport?: Transport;
  /** Time allowed to reach the engine (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Environment to read settings from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where close() reports what it kept (default: stderr). */
  log?: (message: string) => void;
}

export interface EngineInfo {
  endpoint: string;
  serverVersion: string;
  apiVersion: string;
  os: string;
  arch: string;
  remote: boolean;
  /** `podman` when Podman's Docker-compatible service answers, else `docker`. */
  kind: EngineKind;
  /** The transport this session speaks, and why when it fell back to `cli`. */
  transport: Transport;
  transportNote?: string;
}

export class Docker implements AsyncDisposable {
  readonly sessionId: string;
  readonly engine: EngineInfo;
  /** Address where published ports of this engine are reached. */
  readonly host: string;
  /** Where published ports bind when a spec names no address: the `bindAddress` option, else 127.0.0.1 (0.0.0.0 on a remote engine). */
  readonly bindAddress: string;
  readonly executor: Executor;
  readonly containers: Containers;
  readonly images: Images;
  readonly networks: Networks;
  readonly volumes: Volumes;
  /** Live docker events: `docker.events.stream({ type: 'container', action: 'die' })`. */
  readonly events: Events;
  /** Container resource samples: `docker.stats.stream(c)`, `docker.stats.monitor(c)`. */
  readonly stats: Stats;
  readonly #recorders = new Set<DiagnosticsRecorder>();
  readonly #openStreams = new OpenStreams();
  readonly #keep: boolean;
  readonly #extraLabels: Record<string, string>;
  readonly #reaper: Reaper | undefined;
  readonly #log: (message: string) => void;
  readonly #signalHandlers = new Map<NodeJS.Signals, () => void>();
  readonly #background = new BackgroundWork();
  #closing: Promise<SweepResult> | undefined;

  private constructor(args: { executor: Executor; engine: EngineInfo; options: ConnectOptions; env: NodeJS.ProcessEnv; substitution: ImageSubstitution }) {
    const { executor, engine, options, env, substitution } = args;
    this.executor = executor;
    this.engine = engine;
    this.sessionId = options.sessionId ?? newSessionId();
    this.host = engineHostOf(engine.endpoint);
    this.#keep = options.keep ?? env.DOCKER_WRAPPER_KEEP === '1';
    this.#log = options.log ?? ((message) => process.stderr.write(`[docker-wrapper] ${message}\n`));
    this.#extraLabels = { ...options.labels };
    this.bindAddress = options.bindAddress ?? (engine.remote ? '0.0.0.0' : '127.0.0.1');
    if (engine.remote && beyondLoopback(this.bindAddress)) {
      this.#log(`ports published on the remote engine ${engine.endpoint} bind to ${this.bindAddress}: anyone who reaches ${this.host} reaches them (set \`bindAddress\` to narrow).`);
    }
    const context: EngineContext = {
      executor,
      host: this.host,
      defaultHostIp: this.bindAddress,
      sessionId: this.sessionId,
      labels: () => this.resourceLabels(),
      substitution,
      keep: this.#keep,
      localEngine: !engine.remote,
      engineKind: engine.kind,
      openStreams: this.#openStreams,
    };
    this.containers = new Containers(context);
    this.images = new Images(context);
    this.networks = new Networks(context);
    this.volumes = new Volumes(context);
    this.events = new Events(context);
    this.stats = new Stats(context);
    this.#reaper = !this.#keep && options.reaper !== false ? startReaper(this.sessionId, executor.binary, executor.env) : undefined;
    if (this.#reaper) executor.watchProcesses(this.#reaper);
    if (options.handleSignals !== false) this.#handleSignals();
  }

  /**
   * Connects to the docker engine (answers within `connectTimeoutMs`, 2 s by default).
   * @example
   * await using docker = await Docker.connect();
   * const redis = await new ContainerBuilder('redis:7').port(6379).run(docker);
   */
  static async connect(options: ConnectOptions = {}): Promise<Docker> {
    validateConnectOptions(options);
    const env = options.env ?? process.env;
    // Image maps (code and DOCKER_WRAPPER_IMAGE_MAP) are checked before any docker process starts.
    const substitution = substitutionFromEnv(env, options.imageMap, options.registryPrefix);
    const transport = resolveTransport(options.transport, env);
    const binary = resolveBinary(options.binary, env);
    const redactor = new Redactor();
    const docker = dockerEnv(options, env);
    const api = transport.wanted === 'api' ? new ApiClient({ binary, env: docker }) : undefined;
    const executor = new Executor({ binary, env: docker, redactor, api });
    const timeoutMs = options.connectTimeoutMs ?? 2000;
    // The answer is due within timeoutMs: leave the docker processes room to be killed and reaped.
    const processTimeoutMs = Math.max(1, timeoutMs - Math.min(250, timeoutMs / 4));
    const useContext = !options.host && (options.context !== undefined || !env.DOCKER_HOST);
    // The first API connection opens while docker answers `version`: warm before the first run().
    const [version, contextHost, dialed] = await Promise.all([
      executor.raw(['version', '--format', '{{json .Server}}'], { timeoutMs: processTimeoutMs }).catch((error: unknown) => error as DockerCommandError),
      useContext
        ? executor.raw(['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'], { timeoutMs: processTimeoutMs }).catch(() => undefined)
        : Promise.resolve(undefined),
      api?.ping(processTimeoutMs).then(() => undefined, (error: unknown) => error as Error),
    ]);
    const endpoint = options.host ?? (useContext && contextHost?.exitCode === 0 ? contextHost.stdout.trim() : env.DOCKER_HOST) ?? 'unix:///var/run/docker.sock';
    if (version instanceof Error) {
      executor.useCli();
      // Only a timeout means the engine did not answer; docker that cannot start says why itself.
      if (version.code !== 'COMMAND_TIMEOUT') throw version;
      throw new DockerWrapperError('DAEMON_UNREACHABLE', engineSilentMessage(endpoint, timeoutMs), { cause: version });
    }
    const server = version.exitCode === 0 ? (JSON.parse(version.stdout.trim() || 'null') as (Record<string, string> & { Components?: Array<{ Name?: string }> }) | null) : null;
    if (!server) {
      executor.useCli();
      const stderr = executor.redactor.text(version.stderr);
      const contextName = options.context ?? env.DOCKER_CONTEXT;
      if (useContext && contextName && contextHost?.exitCode !== 0) {
        throw new DockerWrapperError('DAEMON_UNREACHABLE', contextUnusableMessage(contextName, options.context ? 'option' : 'env', stderr));
      }
      throw new DockerWrapperError('DAEMON_UNREACHABLE', engineUnreachableMessage(endpoint, stderr));
    }
    let transportNote: string | undefined;
    if (dialed) {
      // The engine answers the CLI but not over dial-stdio (an old CLI, a docker-compatible one).
      const why = executor.redactor.text(`${(dialed as { stderr?: string }).stderr?.trim() || dialed.message}`.split('\n')[0] ?? '');
      executor.useCli();
      if (transport.explicit) throw new DockerWrapperError('TRANSPORT_UNAVAILABLE', `The \`api\` transport (from ${transport.explicit}) needs \`${binary} system dial-stdio\`, which failed: ${why}. Use \`transport: 'cli'\` (DOCKER_WRAPPER_TRANSPORT=cli).`);
      transportNote = `\`docker system dial-stdio\` failed (${why}): every call runs the docker CLI`;
    }
    const apiVersion = server.APIVersion ?? server.ApiVersion ?? '';
    executor.api?.useVersion(apiVersion);
    const engine: EngineInfo = {
      endpoint,
      serverVersion: server.Version ?? '',
      apiVersion,
      os: server.Os ?? '',
      arch: server.Arch ?? '',
      remote: !endpoint.startsWith('unix://') && !endpoint.startsWith('npipe://') && !isLocalEndpoint(endpoint),
      kind: engineKindOf(server),
      transport: executor.transport,
      ...(transportNote ? { transportNote } : {}),
    };
    return new Docker({ executor, engine, options, env, substitution });
  }

  /**
   * The labels every container, network and volume of this session carries: the `labels` option
   * and the session's own (what `close()`, the reaper and `prune` find it by). For resources made
   * outside `docker.containers` and friends, such as the containers of a compose file.
   */
  resourceLabels(): Record<string, string> {
    return { ...this.#extraLabels, ...sessionLabels(this.sessionId) };
  }

  /** True when close() will keep everything (DOCKER_WRAPPER_KEEP=1 or `keep: true`). */
  get keep(): boolean {
    return this.#keep;
  }

  /**
   * Starts recording this session's container events and stats for failure reports; close()
   * stops it (or call `stop()` yourself).
   * @example
   * const recorder = docker.recordDiagnostics();
   * // ... a test fails ...
   * console.log(await recorder.text(db.id, { since: testStartedAt }));
   */
  recordDiagnostics(options: RecorderOptions = {}): DiagnosticsRecorder {
    if (this.#closing) throw new DockerWrapperError('CLOSED', `Session ${this.sessionId} is closed: record diagnostics before close().`);
    const recorder = DiagnosticsRecorder.start(this, options);
    this.#recorders.add(recorder);
    return recorder;
  }

  /**
   * Lets `task` (the removal of something this session made) finish after the call that started
   * it returned: `settled()` and `close()` wait for it, and a failure is left to close()'s sweep.
   * @example
   * await container.remove();
   * docker.background(network.remove()); // the caller goes on; close() waits for it
   */
  background(task: Promise<unknown>): void {
    this.#background.add(task);
  }

  // Resolves once every task given to background() has settled.
  settled(): Promise<void> {
    return this.#background.settled();
  }

  // Removes every container (with its anonymous volumes), network and volume of this session,
  // after the background removals still running. Safe to call more than once; with keep on, it
  // reports what it leaves instead.
  close(): Promise<SweepResult> {
    this.#closing ??= (async () => {
      for (const [signal, handler] of this.#signalHandlers) process.off(signal, handler);
      await Promise.all([...[...this.#recorders].map((recorder) => recorder.stop()), this.#openStreams.closeAll()]);
      await this.#background.settled();
      if (this.#keep) {
        const kept = await countSession(this.executor, this.sessionId);
        this.executor.api?.close();
        this.#log(`DOCKER_WRAPPER_KEEP=1: keeping ${kept.containers} container(s), ${kept.networks} network(s), ${kept.volumes} volume(s) of session ${this.sessionId} (docker ps -a --filter label=docker-wrapper.session=${this.sessionId}).`);
        return kept;
      }
      try {
        return await sweepSession(this.executor, this.sessionId);
      } finally {
        this.#reaper?.release();
        this.executor.api?.close();
      }
    })();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #handleSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const handler = () => {
        process.off(signal, handler);
        const alone = otherSignalListeners(signal) === 0;
        void this.close().finally(() => {
          // Nobody else handles the signal: end the process the way the signal would have.
          if (alone) process.kill(process.pid, signal);
        });
      };
      this.#signalHandlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
}
