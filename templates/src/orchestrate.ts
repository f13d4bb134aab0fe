// One orchestration for every front end (Vitest, Jest, Playwright, the command line): start a map of
// templates in parallel, hand out plain connection data, isolate per worker, stop everything.
import type { DiagnosticsRecorder, DiagnosticsReport, Docker, ReportOptions } from '@docker-wrapper/core';
import { formatReport } from '@docker-wrapper/core';
import { rejectUnknownOptions, validateBoolean, validateSignal } from './options.js';
import { validateTemplateMap } from './run/validate.js';
import { ServicesStartError } from './start-failure.js';
import type { Service, StartOptions, Template } from './template.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TemplateMap = Record<string, Template<any, Service<any>>>;
export type ServicesOf<M extends TemplateMap> = { [K in keyof M]: Awaited<ReturnType<M[K]['start']>> };
export type ConnectionsOf<M extends TemplateMap> = { [K in keyof M]: ServicesOf<M>[K]['connection'] };

export interface Environment<M extends TemplateMap> extends AsyncDisposable {
  readonly services: ServicesOf<M>;
  /** Plain data: safe to serialise to workers, fixtures and other processes. */
  readonly connections: ConnectionsOf<M>;
  /** Each service's isolated connection for `key` (a worker id, a test file). */
  isolate(key: string): Promise<ConnectionsOf<M>>;
  /**
   * What the engine saw of each service with a container in a time range (OOM kills, restarts,
   * health, CPU and memory, last log lines), secrets masked. Needs `diagnostics: true`. A service of
   * several containers (a compose stack) has one report per container: `stack.db`, `stack.cache`.
   */
  diagnostics(options?: ReportOptions): Promise<DiagnosticsReports<M>>;
  /** The same as terminal text, one block per service; '' without `diagnostics: true`. */
  diagnosticsText(options?: ReportOptions): Promise<string>;
  /** Stops every service (reused and bring-your-own ones stay) and the recorder. */
  stop(): Promise<void>;
}

/** Diagnostics by service name (`<name>.<part>` for each container of a compose stack). */
export type DiagnosticsReports<M extends TemplateMap> = Partial<Record<keyof M | `${string & keyof M}.${string}`, DiagnosticsReport>>;

export interface StartServicesOptions extends StartOptions {
  /** Record events and stats of the services from before they start (for failure reports). */
  diagnostics?: boolean;
}

// Terminal text of the services' reports, one block per service (pure).
export function reportsText(reports: Partial<Record<string, DiagnosticsReport>>): string {
  return (Object.entries(reports) as [string, DiagnosticsReport][]).map(([name, report]) => `[${name}]\n${formatReport(report)}`).join('\n\n');
}

const KNOWN = ['diagnostics', 'signal'] as const;

// Checks the options of startServices() before the recorder or any service starts.
function validateStartServicesOptions(options: unknown): void {
  rejectUnknownOptions('startServices', options, KNOWN, { prefix: '', expected: 'Expected an object, like `{ diagnostics: true }`.' });
  const record = options as Record<string, unknown>;
  validateBoolean('diagnostics', record.diagnostics, false);
  validateSignal('signal', record.signal);
}

// The containers a service's diagnostics cover, by report name: its own container, or each of its
// containers (a compose stack's) as `<name>.<part>`.
function containersOf(name: string, service: Service<unknown>): [string, string][] {
  if (service.container) return [[name, service.container.id]];
  return Object.entries(service.containers ?? {}).map(([part, container]) => [`${name}.${part}`, container.id]);
}

// Starts every template at once. If one fails, the others are stopped and the error
// (ServicesStartError) leads with each failed service and its cause, and lists every error.
export async function startServices<M extends TemplateMap>(docker: Docker, templates: M, options: StartServicesOptions = {}): Promise<Environment<M>> {
  validateTemplateMap('services', templates);
  validateStartServicesOptions(options);
  const names = Object.keys(templates);
  const recorder: DiagnosticsRecorder | undefined = options.diagnostics ? docker.recordDiagnostics() : undefined;
  const startOptions: StartOptions = options.signal ? { signal: options.signal } : {};
  const results = await Promise.allSettled(names.map((name) => (templates[name] as M[keyof M]).start(docker, startOptions)));
  const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [{ name: names[i] as string, error: result.reason as unknown }] : []));
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (failures.length > 0) {
    await Promise.allSettled(started.map((service) => service.stop()));
    await recorder?.stop();
    throw new ServicesStartError(failures.map(({ name, error }) => ({ service: name, kind: (templates[name] as M[keyof M]).kind, error })), names.length);
  }
  const services = Object.fromEntries(names.map((name, i) => [name, (results[i] as PromiseFulfilledResult<Service<unknown>>).value])) as ServicesOf<M>;
  const connections = Object.fromEntries(names.map((name) => [name, (services[name] as Service<unknown>).connection])) as ConnectionsOf<M>;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all(names.map((name) => (services[name] as Service<unknown>).stop())).then(async () => {
      await recorder?.stop();
    });
    return stopping;
  };
  const diagnostics = async (reportOptions: ReportOptions = {}): Promise<DiagnosticsReports<M>> => {
    if (!recorder) return {};
    const targets = names.flatMap((name) => containersOf(name, services[name] as Service<unknown>));
    const reports = await Promise.all(targets.map(([, id]) => recorder.report(id, reportOptions)));
    return Object.fromEntries(targets.map(([name], i) => [name, reports[i]])) as DiagnosticsReports<M>;
  };
  return {
    services,
    connections,
    async isolate(key: string) {
      const isolated = await Promise.all(names.map((name) => (services[name] as Service<unknown>).isolate(key)));
      return Object.fromEntries(names.map((name, i) => [name, isolated[i]])) as ConnectionsOf<M>;
    },
    diagnostics,
    async diagnosticsText(reportOptions: ReportOptions = {}) {
      return reportsText(await diagnostics(reportOptions));
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
