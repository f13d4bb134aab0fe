// `compose(file, options)`: a project's own compose file as a template, beside postgres(), redis()
// and service() in startServices() and every adapter. Each start is its own compose project.
import type { Docker } from '@docker-wrapper/core';
import { DockerWrapperError } from '@docker-wrapper/core';
import type { StartOptions, Template } from '../template.js';
import { upArgs } from './commands.js';
import { findDriver, runCompose } from './driver.js';
import { ComposeStartError, failedServices } from './failure.js';
import { readComposeFile, type ComposeFile } from './file.js';
import { normalizeComposeOptions, type ComposeOptions } from './options.js';
import { ComposeService, serviceConnection, type ComposeConnection } from './service.js';
import { downStack, prepareStack, stackContainers, type Stack } from './stack.js';
import { awaitServices } from './waits.js';

const DEFAULT_STARTUP_TIMEOUT_MS = 120_000;

export class ComposeTemplate implements Template<ComposeConnection, ComposeService> {
  readonly kind = 'compose';
  readonly options: Readonly<ComposeOptions>;
  /** The parsed file (read when the template was made). */
  readonly file: Readonly<ComposeFile>;

  constructor(file: unknown, options: ComposeOptions) {
    this.file = readComposeFile(file);
    this.options = normalizeComposeOptions(options, this.file);
  }

  async start(docker: Docker, startOptions: StartOptions = {}): Promise<ComposeService> {
    const { options, file } = this;
    const startedAt = performance.now();
    const budgetMs = options.startupTimeout ?? DEFAULT_STARTUP_TIMEOUT_MS;
    const budget = startOptions.signal ? AbortSignal.any([startOptions.signal, AbortSignal.timeout(budgetMs)]) : AbortSignal.timeout(budgetMs);
    const driver = await findDriver(docker, options.driver);
    const stack = await prepareStack(docker, file, driver, { env: { ...options.env }, profiles: options.profiles ?? [] });
    try {
      return await this.#up(docker, stack, budget, startedAt);
    } catch (error) {
      await downStack(docker, stack).catch(() => undefined);
      throw error;
    }
  }

  async #up(docker: Docker, stack: Stack, budget: AbortSignal, startedAt: number): Promise<ComposeService> {
    const { options, file } = this;
    const hasBuild = Object.values(file.document.services as Record<string, { build?: unknown }>).some((service) => service.build !== undefined);
    const up = await runCompose(stack.driver, upArgs(stack, options.services ?? [], hasBuild), { env: stack.env, signal: budget });
    const containers = await stackContainers(docker, stack.project);
    if (up.exitCode !== 0) {
      const stderr = docker.executor.redactor.text(up.stderr.trim().split('\n').slice(-8).join('\n'));
      const summary = budget.aborted ? `the startup timeout (${options.startupTimeout ?? DEFAULT_STARTUP_TIMEOUT_MS} ms) ran out during \`up\`` : `\`up\` failed (exit ${up.exitCode})`;
      throw new ComposeStartError(file.path, `${summary}:\n${stderr}`, await failedServices(docker, containers));
    }
    for (const name of Object.keys(options.wait ?? {})) {
      if (!containers.has(name)) throw new DockerWrapperError('STARTUP_FAILED', `compose ${file.path}: \`wait.${name}\` names a service that did not start (not in \`services\` nor a dependency of one, or its profile is not enabled). Started: ${[...containers.keys()].join(', ') || 'none'}.`);
    }
    await awaitServices(docker, containers, { file: file.path, budget, startedAt, wait: options.wait ?? {} });
    // The waits may have seen ports bound late: read each container once more.
    await Promise.all([...containers.values()].map((container) => container.inspect()));
    const connection: ComposeConnection = {
      project: stack.project,
      file: file.path,
      services: Object.fromEntries([...containers].map(([name, container]) => [name, serviceConnection(name, container)])),
    };
    return new ComposeService(connection, Object.fromEntries(containers), () => downStack(docker, stack));
  }
}

/**
 * A compose file as a template: each start is its own compose project, labelled with the session
 * (so close(), the reaper and prune remove it), awaited per compose service.
 * @example
 * const stack = compose('./docker-compose.yml', { services: ['db', 'cache'], wait: { cache: Wait.forPort(6379) } });
 * const env = await startServices(docker, { stack });
 * const { host, ports } = env.connections.stack.services.db; // ports[5432]
 */
export function compose(file: string, options: ComposeOptions = {}): Template<ComposeConnection, ComposeService> {
  return new ComposeTemplate(file, options);
}
