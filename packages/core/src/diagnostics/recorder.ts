// Records a session for failing tests: the timeline of its containers' events (one `docker events`
// process) and a bounded stats history of each running container (one `docker stats` process per
// container, up to `maxMonitors`), then writes a report of one container on demand.
import { engineLogTail, type EngineKind } from '../cli/engine-kind.js';
import type { Executor } from '../cli/executor.js';
import { SESSION_LABEL } from '../cleanup/labels.js';
import { DockerCommandError, DockerWrapperError } from '../errors.js';
import type { Events } from '../streams/events.js';
import { processLines } from '../streams/process-lines.js';
import type { StatsSummary, TimeRange } from '../streams/sample-window.js';
import type { Stats } from '../streams/stats.js';
import { inspectForReportCommand, logsTailArgs, runningSessionContainersCommand, type InspectedContainer } from './commands.js';
import { formatReport } from './format.js';
import { maskSecrets } from './redact-text.js';
import { normalizeRecorderOptions, normalizeReportOptions, type RecorderOptions, type ReportOptions } from './recorder-options.js';
import { buildReport, type DiagnosticsReport } from './report.js';
import { StatsHistories } from './stats-histories.js';
import { EventTimeline, type KnownContainer, type TimelineEntry } from './timeline.js';

/** What the recorder needs of a connected `Docker`. */
export interface RecorderHost {
  readonly executor: Executor;
  readonly sessionId: string;
  readonly events: Events;
  readonly stats: Stats;
  /** Which engine: where its `--tail` cannot be trusted, the last log lines are cut here (engineLogTail). */
  readonly engine?: { readonly kind?: EngineKind };
}

const MAX_LOG_LINE = 2000;

// Started by `docker.recordDiagnostics()` or `DiagnosticsRecorder.start(docker)`.
export class DiagnosticsRecorder implements AsyncDisposable {
  /** When recording began (ms since the Unix epoch). */
  readonly startedAt: number;
  readonly #host: RecorderHost;
  readonly #options: Required<RecorderOptions>;
  readonly #timeline: EventTimeline;
  readonly #stats: StatsHistories;
  readonly #controller = new AbortController();
  readonly #done: Promise<void>;
  #error: unknown;
  #stopped: Promise<void> | undefined;

  private constructor(host: RecorderHost, options: RecorderOptions) {
    this.#host = host;
    this.#options = normalizeRecorderOptions(options);
    this.#timeline = new EventTimeline({
      maxEvents: this.#options.maxEvents,
      maxContainers: this.#options.maxContainers,
      redact: (text) => maskSecrets(text, host.executor.redactor),
    });
    this.#stats = new StatsHistories({ ...this.#options, enabled: this.#options.stats, stream: (id, signal) => host.stats.stream(id, { signal }) });
    this.startedAt = Date.now();
    this.#done = Promise.all([this.#readEvents(), this.#watchRunning()]).then(() => undefined);
  }

  /**
   * Starts recording the session of `docker` (its containers' events, and stats of the running
   * ones) until stop(). `docker.recordDiagnostics()` does the same and stops it at close().
   * @example
   * const recorder = DiagnosticsRecorder.start(docker);
   * // ... a test fails ...
   * console.log(await recorder.text(db.id, { since: testStartedAt }));
   */
  static start(host: RecorderHost, options: RecorderOptions = {}): DiagnosticsRecorder {
    return new DiagnosticsRecorder(host, options);
  }

  /** Why recording events stopped early (docker failed, daemon gone); undefined while all is well. */
  get error(): unknown {
    return this.#error;
  }

  // The recorded events of one container (id or name) or of the whole session, oldest first.
  timeline(filter: TimeRange & { container?: string } = {}): TimelineEntry[] {
    const id = filter.container === undefined ? undefined : (this.#timeline.resolve(filter.container)?.id ?? filter.container);
    return this.#timeline.entries({ ...filter, ...(id !== undefined ? { id } : {}) });
  }

  // The containers seen so far (id, name, image, earlier names).
  containers(): KnownContainer[] {
    return this.#timeline.containers().map((c) => ({ ...c, formerNames: [...c.formerNames] }));
  }

  // Average and peak CPU and memory of a container over a range; undefined if never sampled.
  statsOf(idOrName: string, range: TimeRange = {}): StatsSummary | undefined {
    return this.#stats.summary(this.#timeline.resolve(idOrName)?.id ?? idOrName, range);
  }

  /**
   * Everything known of one container for a time range: state, events, stats, last log lines,
   * findings first, secrets masked. JSON-able.
   */
  async report(idOrName: string, options: ReportOptions = {}): Promise<DiagnosticsReport> {
    const { since, until, logLines, maxEvents } = normalizeReportOptions(options);
    const executor = this.#host.executor;
    const known = this.#timeline.resolve(idOrName);
    let inspected: InspectedContainer | undefined;
    const notes: string[] = [];
    try {
      inspected = await executor.run(inspectForReportCommand(known?.id ?? idOrName), { timeoutMs: 15_000 });
    } catch (error) {
      if (!(error instanceof DockerCommandError && error.code === 'NO_SUCH_CONTAINER')) notes.push(`could not inspect it: ${(error as Error).message}`);
    }
    if (!inspected && !known) {
      if (notes.length === 0) throw new DockerWrapperError('NO_SUCH_CONTAINER', `No container \`${idOrName}\` on the engine or in this recording (since ${new Date(this.startedAt).toISOString()}).`);
    }
    const id = inspected?.info.id ?? known?.id ?? idOrName;
    const secretValues = inspected?.secretValues ?? [];
    const redact = (text: string) => maskSecrets(text, executor.redactor, secretValues);
    const logs = inspected && logLines > 0 ? await this.#logs(id, { tail: logLines, since, until }) : { lines: [], ...(inspected || logLines === 0 ? {} : { error: 'the container no longer exists' }) };
    const range = { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
    const report = buildReport({
      target: { id, name: known?.name ?? '', image: known?.image ?? '' },
      info: inspected?.info,
      events: this.#timeline.entries({ id, ...range }),
      stats: this.#stats.summary(id, range),
      statsNote: this.#stats.note(id),
      logs: logs.lines,
      ...(logs.error ? { logsError: logs.error } : {}),
      range,
      now: Date.now(),
      maxEvents,
      redact,
    });
    if (this.#error) notes.push(`the recording stopped early: ${(this.#error as Error).message}`);
    report.findings.push(...notes.map(redact));
    return report;
  }

  // The report as text for a terminal or a test report.
  async text(idOrName: string, options: ReportOptions = {}): Promise<string> {
    return formatReport(await this.report(idOrName, options));
  }

  // Stops recording and ends every docker process it started; what was recorded stays readable.
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#controller.abort();
      await Promise.all([this.#done, this.#stats.stop()]);
    })();
    return this.#stopped;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  async #readEvents(): Promise<void> {
    const signal = this.#controller.signal;
    try {
      const stream = this.#host.events.stream({
        type: 'container',
        action: this.#options.actions,
        labels: { [SESSION_LABEL]: this.#host.sessionId },
        // A second early, so nothing between this call and docker's subscription is missed.
        since: new Date(this.startedAt - 1000),
        signal,
      });
      for await (const event of stream) {
        if (event.type !== 'container') continue;
        this.#timeline.add(event);
        if (event.action === 'start') this.#stats.watch(event.containerId);
        else if (event.action === 'die' || event.action === 'destroy') this.#stats.unwatch(event.containerId);
      }
    } catch (error) {
      if (!signal.aborted) this.#error = error;
    }
  }

  // Samples the containers already running when recording began.
  async #watchRunning(): Promise<void> {
    if (!this.#options.stats) return;
    try {
      const running = await this.#host.executor.run(runningSessionContainersCommand(this.#host.sessionId), { signal: this.#controller.signal, timeoutMs: 15_000 });
      for (const c of running) {
        if (!this.#timeline.resolve(c.id)) this.#timeline.remember(c.id, c.name, c.image);
        this.#stats.watch(c.id);
      }
    } catch (error) {
      if (!this.#controller.signal.aborted) this.#error ??= error;
    }
  }

  async #logs(id: string, options: { tail: number; since?: number | undefined; until?: number | undefined }): Promise<{ lines: string[]; error?: string }> {
    const lines: string[] = [];
    try {
      const args = logsTailArgs(id, { tail: engineLogTail(this.#host.engine?.kind, options.tail), ...(options.since !== undefined ? { since: options.since } : {}), ...(options.until !== undefined ? { until: options.until } : {}) });
      for await (const line of processLines(this.#host.executor, args, { all: true, signal: AbortSignal.timeout(15_000) })) {
        lines.push(line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}...` : line);
        if (lines.length > options.tail) lines.shift();
      }
      return { lines };
    } catch (error) {
      return { lines, error: (error as Error).message };
    }
  }
}
