// `docker-wrapper up [service...]`: starts the configured services in parallel through the run
// layer, shows their progress, prints their connections and `export` lines, then stays attached
// until Ctrl-C (everything stops) or, with `--detach`, leaves them to `down`.
import { newSessionId, sweepSession, type ConnectOptions, type Docker } from '@docker-wrapper/core';
import type { TemplateMap } from '../../orchestrate.js';
import { currentProject } from '../../project.js';
import { withReuse } from '../../run/reuse-override.js';
import { startRun, type Run } from '../../run/start-run.js';
import { readConfig, selectServices } from '../config.js';
import { connectForQueries } from '../engine.js';
import { EXIT } from '../exit-codes.js';
import { exportLines, formatExport } from '../exports.js';
import { imageOf } from '../image-of.js';
import { untilInterrupted } from '../interrupt.js';
import type { Output } from '../output.js';
import { Progress } from '../progress.js';
import { DETACHED_LABEL, updateState, type DetachedSession } from '../state.js';

export interface UpOptions {
  config?: string;
  detach?: boolean;
  json?: boolean;
}

// The same templates, each telling `progress` when it starts and when it is ready or failed.
function tracked(templates: TemplateMap, progress: Progress): TemplateMap {
  return Object.fromEntries(Object.entries(templates).map(([name, template]) => [name, {
    kind: template.kind,
    options: template.options,
    async start(docker: Docker, options?: { signal?: AbortSignal }) {
      progress.update(name, 'starting');
      try {
        const service = await template.start(docker, options);
        progress.update(name, 'ready');
        return service;
      } catch (error) {
        progress.update(name, 'failed');
        throw error;
      }
    },
  }])) as TemplateMap;
}

// Removes what a detached start that failed kept (its session keeps everything by design).
async function sweep(options: ConnectOptions, sessionId: string): Promise<void> {
  const docker = await connectForQueries(options);
  try {
    await sweepSession(docker.executor, sessionId);
  } finally {
    await docker.close();
  }
}

// Waits for Ctrl-C or SIGTERM, holding the process open meanwhile (the run's own handles are unref'd).
async function untilSignal(): Promise<void> {
  const interrupt = untilInterrupted();
  const hold = setInterval(() => undefined, 2 ** 30);
  await new Promise((resolve) => interrupt.signal.addEventListener('abort', resolve, { once: true }));
  clearInterval(hold);
  interrupt.release();
}

// Runs `up`; resolves to the exit code once attached services are stopped or detached ones recorded.
export async function up(names: readonly string[], options: UpOptions, output: Output): Promise<number> {
  const { file, config } = await readConfig(options.config);
  let templates = selectServices(config.services, names, file);
  if (config.reuse !== undefined) templates = withReuse(templates, config.reuse);
  const project = currentProject();
  const images = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, imageOf(t) ?? t.kind]));
  const progress = new Progress(output, Object.entries(templates).map(([name, t]) => ({ name, kind: t.kind, image: images[name] as string })));
  // Known before the session connects, so that a detached start that fails half-way is swept by it.
  const sessionId = newSessionId();
  const docker: ConnectOptions = {
    ...config.docker,
    sessionId,
    handleSignals: false,
    // Detached, the session keeps everything by design: no "keeping N containers" notice.
    ...(options.detach ? { labels: { ...config.docker?.labels, [DETACHED_LABEL]: project }, log: () => undefined } : {}),
  };
  // Ctrl-C while starting: the run layer stops what started and rejects.
  const interrupt = untilInterrupted(new Error('Interrupted (Ctrl-C) while starting.'));
  let run: Run<TemplateMap>;
  try {
    run = await startRun(tracked(templates, progress), { docker, diagnostics: false, keep: options.detach ? true : config.keep ?? false, signal: interrupt.signal });
  } catch (error) {
    progress.done();
    if (options.detach) await sweep(config.docker ?? {}, sessionId).catch(() => undefined);
    throw error;
  } finally {
    interrupt.release();
  }
  progress.done();
  const started = run.environment.services as Record<string, { kind: string; connection: unknown; reused: boolean; container: { id: string } | undefined }>;
  const exports = exportLines(started);
  if (options.detach) {
    const record: DetachedSession = {
      sessionId,
      configFile: file,
      startedAt: run.handle.startedAt,
      services: Object.fromEntries(Object.entries(started).map(([name, s]) => [name, { kind: s.kind, containerId: s.container?.id ?? null, image: images[name] ?? null }])),
    };
    await updateState(project, (state) => ({ ...state, sessions: [...state.sessions, record] }));
  }
  if (options.json) {
    output.json({
      project,
      configFile: file,
      sessionId,
      detached: Boolean(options.detach),
      services: Object.fromEntries(Object.entries(started).map(([name, s]) => [name, { kind: s.kind, image: images[name], containerId: s.container?.id ?? null, reused: s.reused, connection: s.connection }])),
      env: Object.fromEntries(exports.map((line) => [line.variable, line.value])),
    });
  } else {
    const { bold, dim } = output.colors;
    output.info('');
    for (const [name, s] of Object.entries(started)) {
      const url = (s.connection as { url?: unknown } | null)?.url;
      output.info(`${bold(name)} ${dim(`(${s.kind}${s.reused ? ', reused' : ''})`)} ${typeof url === 'string' ? url : JSON.stringify(s.connection)}`);
    }
    output.info('');
    for (const line of exports) output.info(formatExport(line));
    output.info('');
  }
  if (options.detach) {
    if (!options.json) output.info(`Left running (session ${sessionId}). Stop them with: docker-wrapper down`);
    return EXIT.ok;
  }
  if (!options.json) output.info('Attached: press Ctrl-C to stop every service.');
  await untilSignal();
  output.error('Stopping...');
  await run.stop();
  output.error('Stopped; nothing left running.');
  return EXIT.ok;
}
