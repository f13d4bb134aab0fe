// One start of a compose file: its own project, the rewritten file in a temporary folder, `up`,
// the containers by service, and `down`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Docker } from '@docker-wrapper/core';
import { DockerWrapperError, isSecretKey, listContainersCommand } from '@docker-wrapper/core';
import { specHash } from '../hash.js';
import { PROJECT_LABEL, currentProject } from '../project.js';
import { TEMPLATE_LABEL } from '../reuse.js';
import { NUMBER_LABEL, PROJECT_NAME_LABEL, SERVICE_LABEL, downArgs, projectName, type StackRef } from './commands.js';
import { runCompose, type ComposeDriver } from './driver.js';
import type { ComposeFile } from './file.js';
import { interpolate } from './interpolate.js';
import { rewriteCompose } from './rewrite.js';

export interface Stack extends StackRef {
  driver: ComposeDriver;
  env: Record<string, string>;
  /** The temporary folder of the rewritten file. */
  folder: string;
}

// The image a built service gets: one per file and service, so sessions share it.
function builtImage(file: ComposeFile, service: string): string {
  return `docker-wrapper-compose/${service.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')}:${specHash(file.path)}`;
}

// Values of secret-looking variables in the file are masked in every error and report.
function registerSecrets(docker: Docker, file: ComposeFile, env: Record<string, string>): void {
  for (const [key, value] of Object.entries(env)) if (isSecretKey(key)) docker.executor.redactor.add(value);
  for (const service of Object.values(file.document.services as Record<string, Record<string, unknown>>)) {
    const environment = service.environment;
    const pairs = Array.isArray(environment) ? environment.map((entry) => String(entry).split(/=(.*)/s)) : Object.entries((environment ?? {}) as Record<string, unknown>);
    for (const [key, value] of pairs) if (key && isSecretKey(key) && value !== undefined && value !== null) docker.executor.redactor.add(String(value));
  }
}

// Writes this start's file: labels of the session, substituted images, ports on the host address.
export async function prepareStack(docker: Docker, file: ComposeFile, driver: ComposeDriver, options: { env: Record<string, string>; profiles: readonly string[] }): Promise<Stack> {
  registerSecrets(docker, file, options.env);
  const labels = { ...docker.resourceLabels(), [TEMPLATE_LABEL]: 'compose', [PROJECT_LABEL]: currentProject() };
  const variables = { ...process.env, ...options.env };
  // The image compose would use, substituted; one that is still not a reference is left to compose.
  const substitute = (image: string): string => {
    try {
      return docker.images.resolve(interpolate(image, variables));
    } catch {
      return image;
    }
  };
  const document = rewriteCompose(file.document, {
    labels,
    substitute,
    builtImage: (service) => builtImage(file, service),
    hostIp: docker.bindAddress,
  });
  const folder = await mkdtemp(join(tmpdir(), 'docker-wrapper-compose-'));
  const path = join(folder, 'docker-compose.yml');
  // JSON is YAML: compose reads it as is.
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return { driver, env: options.env, folder, file: path, directory: file.directory, project: projectName(docker.sessionId, randomBytes(3).toString('hex')), profiles: options.profiles };
}

// Each compose service's container (the lowest replica number when scaled).
export async function stackContainers(docker: Docker, project: string): Promise<Map<string, Container>> {
  // The project's containers, running or not: core's listing (over the Engine API when it speaks it).
  const ids = await docker.executor.run(listContainersCommand({ labels: [`${PROJECT_NAME_LABEL}=${project}`] }));
  const containers = await Promise.all(ids.map((id) => docker.containers.get(id)));
  containers.sort((a, b) => Number(a.info.labels[NUMBER_LABEL] ?? 0) - Number(b.info.labels[NUMBER_LABEL] ?? 0));
  const byService = new Map<string, Container>();
  for (const container of containers) {
    const service = container.info.labels[SERVICE_LABEL];
    if (service && !byService.has(service)) byService.set(service, container);
  }
  return byService;
}

// `down -v --remove-orphans`, then the temporary folder; nothing when the session keeps its resources.
export async function downStack(docker: Docker, stack: Stack): Promise<void> {
  if (docker.keep) return;
  const result = await runCompose(stack.driver, downArgs(stack), { env: stack.env, timeoutMs: 120_000 });
  await rm(stack.folder, { recursive: true, force: true });
  if (result.exitCode !== 0) {
    throw new DockerWrapperError('COMMAND_FAILED', `compose project ${stack.project}: \`down\` failed (exit ${result.exitCode}): ${docker.executor.redactor.text(result.stderr.trim().split('\n').slice(-5).join('\n'))}`);
  }
}
