// `docker.events`: live docker events as an async iterable of typed events, one `docker events`
// process per stream, started when the stream is made and killed when the consumer breaks, the
// signal aborts or the session closes.
import type { EngineKind } from '../cli/engine-kind.js';
import type { Executor } from '../cli/executor.js';
import { maskAssignments } from '../diagnostics/redact-text.js';
import { DockerCommandError, DockerWrapperError, InvalidOptionError } from '../errors.js';
import type { DockerEvent } from './event-types.js';
import { eventsArgs, type EventStreamOptions } from './events-options.js';
import { parseEvent } from './events-parse.js';
import { LineSplitter } from './line-splitter.js';
import { LiveStream } from './live-stream.js';
import type { OpenStreams } from './open-streams.js';
import type { ProcessHold } from './process-hold.js';
import { processLines } from './process-lines.js';

/** What `Events` needs of its session. */
export interface EventsContext {
  executor: Executor;
  /** The engine runs on this machine (same clock): a stream reads from its creation time exactly. */
  localEngine?: boolean;
  /** The session's open streams, ended by `docker.close()`. */
  openStreams?: OpenStreams;
  /**
   * Podman 4.3's events endpoint yields nothing for an `event=` filter, so actions are matched here,
   * and it calls a container's removal `remove`: read as Docker's `destroy`.
   */
  engineKind?: EngineKind;
}

// The front door to `docker events`: `docker.events.stream(options)`.
export class Events {
  readonly #context: EventsContext;

  constructor(context: EventsContext) {
    this.#context = context;
  }

  /**
   * Streams the engine's events, listening from this call on (options are checked at once, before
   * docker runs): events that happen before the first read wait for it, each exactly once.
   * Ends on `break`, `return()`, when `signal` aborts or at `docker.close()`; throws a
   * `DockerCommandError` if docker fails or the daemon goes away (`STREAM_FAILED`, `DAEMON_UNREACHABLE`).
   * @example
   * const events = docker.events.stream({ type: 'container', action: ['die', 'oom'], signal });
   * await builder.run(docker);                      // its events are not missed
   * for await (const e of events) {
   *   if (e.type === 'container' && e.action === 'die') console.log(e.containerName, e.exitCode);
   * }
   */
  stream(options: EventStreamOptions = {}): LiveStream<DockerEvent> {
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
      throw new InvalidOptionError('signal', options.signal, 'Expected an AbortSignal.');
    }
    // docker starts listening a few ms after its process: on this machine's clock, `since` now
    // covers that gap (the engine replays and subscribes at once, so no event comes twice).
    const fromNow = options.since === undefined && options.until === undefined && this.#context.localEngine === true;
    const actions = this.#context.engineKind === 'podman' && options.action !== undefined ? [options.action].flat() : undefined;
    const engineOptions = actions ? { ...options, action: undefined } : options;
    const args = eventsArgs(fromNow ? { ...engineOptions, since: new Date() } : engineOptions);
    const executor = this.#context.executor;
    const podman = this.#context.engineKind === 'podman';
    const adapt = (event: DockerEvent): DockerEvent | undefined => {
      const read = podman ? asDocker(event) : event;
      return actions && !actionMatches(read, actions) ? undefined : read;
    };
    return new LiveStream((signal, hold) => eventStream(executor, args, signal, hold, adapt), { signal: options.signal, openStreams: this.#context.openStreams });
  }
}

// True when `event` is one of `actions`, as docker's `event=` filter matches (`health_status`
// matches `health_status: unhealthy`, and so does the full text).
export function actionMatches(event: DockerEvent, actions: readonly string[]): boolean {
  const full = 'detail' in event && event.detail !== undefined ? `${event.action}: ${event.detail}` : event.action;
  return actions.some((action) => action === event.action || action === full);
}

// A Podman event in Docker's words: a container's `remove` is Docker's `destroy`.
export function asDocker(event: DockerEvent): DockerEvent {
  return event.type === 'container' && event.action === 'remove' ? { ...event, action: 'destroy' } : event;
}

async function* eventStream(executor: Executor, args: string[], signal: AbortSignal, hold: ProcessHold, adapt: (event: DockerEvent) => DockerEvent | undefined): AsyncGenerator<DockerEvent, void, undefined> {
  try {
    for await (const line of processLines(executor, args, { signal, hold })) {
      const parsed = parseLine(line, (text) => executor.redactor.text(text));
      const event = parsed && adapt(parsed);
      if (event) yield event;
    }
  } catch (error) {
    if (error instanceof DockerCommandError && error.code === 'STREAM_FAILED' && /unexpected EOF|connection reset|broken pipe/i.test(error.stderr)) {
      throw new DockerCommandError('STREAM_FAILED', `The Docker engine ended the event stream (${error.stderr.trim()}): the daemon stopped or restarted, or the connection to it broke.`, error, { cause: error });
    }
    throw error;
  }
}

/**
 * Replays captured `docker events --format '{{json .}}'` output as typed events: a chunked source
 * (a file stream; lines are joined across chunk borders), an array of lines, or the whole text.
 * @example
 * for await (const e of readEvents(createReadStream('events.jsonl'))) console.log(e.type, e.action);
 */
export async function* readEvents(source: AsyncIterable<string | Uint8Array> | Iterable<string>): AsyncGenerator<DockerEvent, void, undefined> {
  const chunks = typeof source === 'string' ? toAsync([source]) : Symbol.asyncIterator in source ? source : toAsync(source);
  // Lines are split and parsed a chunk at a time (one async step per chunk, not per line).
  const splitter = new LineSplitter();
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    for (const line of splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))) {
      const event = parseLine(line, (text) => text);
      if (event) yield event;
    }
  }
  for (const line of [...splitter.push(decoder.decode()), ...splitter.end()]) {
    const event = parseLine(line, (text) => text);
    if (event) yield event;
  }
}

function parseLine(line: string, redact: (text: string) => string): DockerEvent | undefined {
  try {
    return parseEvent(line);
  } catch (cause) {
    const shown = maskAssignments(redact(line));
    throw new DockerWrapperError('PARSE_ERROR', `Could not read a docker event: ${String(cause)} in ${JSON.stringify(shown.slice(0, 200))}`, { cause });
  }
}

async function* toAsync(lines: Iterable<string>): AsyncGenerator<string, void, undefined> {
  for (const line of lines) yield `${line}\n`;
}
