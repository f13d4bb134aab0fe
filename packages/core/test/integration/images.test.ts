import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, DockerCommandError, Wait, type Docker, type PullProgress } from '../../src/index.js';
import { docker as cli, suffix } from '../support/cli.js';
import { connectForTest } from '../support/docker.js';
import { startRegistry, type StubRegistry } from '../support/registry.js';
import { PODMAN_LACKS, unlessPodman } from '../support/engine.js';

let docker: Docker;
let registry: StubRegistry;
let context: string;
const tags: string[] = [];

beforeAll(async () => {
  [docker, registry, context] = await Promise.all([connectForTest(), startRegistry(), mkdtemp(join(tmpdir(), 'dw-build-'))]);
});
afterAll(async () => {
  for (const tag of tags) await cli(['image', 'rm', '-f', tag]);
  await Promise.all([docker.close(), registry.close(), rm(context, { recursive: true, force: true })]);
});

// A tag removed after the file's tests.
function newTag(name: string): string {
  const tag = `dw-test-${name}-${suffix()}:1`;
  tags.push(tag);
  return tag;
}

async function rejection(promise: Promise<unknown>): Promise<DockerCommandError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DockerCommandError);
  return error as DockerCommandError;
}

// `docker build` does not substitute FROM lines, so the base comes in as a build argument,
// resolved the way the session resolves every reference.
const DOCKERFILE = [
  'ARG BASE',
  'FROM ${BASE} AS first',
  'ARG GREETING=unset',
  'RUN echo "first $GREETING" > /stage',
  'FROM ${BASE} AS second',
  'RUN echo second > /stage',
].join('\n');

describe('images', () => {
  it('applies the session image map to every reference: exists, inspect, run', async () => {
    const alias = `dw/alias-${suffix()}:1`;
    const real = docker.images.resolve('debian:bookworm-slim');
    const mapped = await connectForTest({ reaper: false, imageMap: { [alias]: real } });
    try {
      expect(mapped.images.resolve(alias)).toBe(real);
      expect(await mapped.images.exists(alias)).toBe(true);
      expect(await docker.images.exists(alias)).toBe(false);
      expect((await mapped.images.inspect(alias)).id).toBe((await docker.images.inspect('debian:bookworm-slim')).id);
      const c = await new ContainerBuilder(alias).command(['true']).waitFor(Wait.forExit()).run(mapped);
      expect(c.image).toBe(real);
    } finally {
      await mapped.close();
    }
  });

  unlessPodman(PODMAN_LACKS.registry)('sends Docker Hub references through a registry prefix (option or DOCKER_WRAPPER_REGISTRY_PREFIX)', async () => {
    registry.addImage('dw/mirrored', '1', { hello: 'hi\n' });
    tags.push(`${registry.host}/dw/mirrored:1`);
    const fromEnv = await connectForTest({ reaper: false, env: { ...process.env, DOCKER_WRAPPER_REGISTRY_PREFIX: registry.host } });
    const fromOption = await connectForTest({ reaper: false, registryPrefix: `${registry.host}/` });
    try {
      expect(fromEnv.images.resolve('dw/mirrored:1')).toBe(`${registry.host}/dw/mirrored:1`);
      expect(fromOption.images.resolve('dw/mirrored:1')).toBe(`${registry.host}/dw/mirrored:1`);
      await fromOption.images.pull('dw/mirrored:1');
      expect(registry.requests).toContain('HEAD /v2/dw/mirrored/manifests/1');
      expect(await fromEnv.images.exists('dw/mirrored:1')).toBe(true);
      await fromEnv.images.remove('dw/mirrored:1');
      expect(await docker.images.exists(`${registry.host}/dw/mirrored:1`)).toBe(false);
    } finally {
      await Promise.all([fromEnv.close(), fromOption.close()]);
    }
  });

  unlessPodman(PODMAN_LACKS.localhostNames)('builds (Dockerfile, build args, target, labels), then tags, inspects, reads history, runs and removes', async () => {
    await writeFile(join(context, 'Custom.dockerfile'), DOCKERFILE);
    const tag = newTag('build');
    const id = await docker.images.build({
      context,
      dockerfile: 'Custom.dockerfile',
      tag,
      buildArgs: { BASE: docker.images.resolve('debian:bookworm-slim'), GREETING: '--hello' },
      target: 'first',
      labels: { 'org.example.built-by': 'images.test' },
    });
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await docker.images.exists(tag)).toBe(true);

    const info = await docker.images.inspect(tag);
    expect(info.id).toBe(id);
    expect(info.repoTags).toContain(tag);
    expect(info.labels).toMatchObject({ 'org.example.built-by': 'images.test' });

    const history = await docker.images.history(tag);
    expect(history[0]?.id).toBe(id);
    expect(history.some((entry) => entry.createdBy.includes('echo "first $GREETING" > /stage'))).toBe(true);
    expect(history.some((entry) => entry.createdBy.includes('echo second'))).toBe(false);

    const copy = newTag('copy');
    await docker.images.tag(tag, copy);
    expect((await docker.images.inspect(copy)).id).toBe(id);

    const c = await new ContainerBuilder(tag).command(['cat', '/stage']).waitFor(Wait.forExit()).run(docker);
    expect(await c.tail()).toEqual(['first --hello']);
    await c.remove();

    await docker.images.remove(copy);
    expect(await docker.images.exists(copy)).toBe(false);
    expect(await docker.images.exists(tag)).toBe(true);
    await docker.images.remove(tag);
    expect(await docker.images.exists(tag)).toBe(false);
    expect((await cli(['image', 'inspect', id])).exitCode).not.toBe(0);
  });

  it('says IMAGE_NOT_FOUND for inspecting or removing a missing image', async () => {
    expect((await rejection(docker.images.inspect(`dw-no-such-image-${suffix()}:1`))).code).toBe('IMAGE_NOT_FOUND');
    expect((await rejection(docker.images.remove(`dw-no-such-image-${suffix()}:1`))).code).toBe('IMAGE_NOT_FOUND');
  });

  unlessPodman(PODMAN_LACKS.buildOutput)('fails a build with the daemon error, leaving no container of the failed step', async () => {
    const marker = `dw-broken-${suffix()}`;
    await writeFile(join(context, 'Broken.dockerfile'), `FROM ${docker.images.resolve('debian:bookworm-slim')}\nRUN echo ${marker}; exit 42\n`);
    const error = await rejection(docker.images.build({ context, dockerfile: 'Broken.dockerfile' }));
    expect(error.code).toBe('COMMAND_FAILED');
    expect(error.stderr).toMatch(/returned a non-zero code: 42/);
    expect(error.message).toMatch(/returned a non-zero code: 42/);
    expect((await cli(['ps', '-a', '--no-trunc', '--format', '{{.Command}}'])).stdout).not.toContain(marker);
  });
});

describe('pull', () => {
  unlessPodman(PODMAN_LACKS.registry)('pulls with progress events', async () => {
    registry.addImage('dw/pulled', '1', { hello: 'hi\n' });
    const reference = `${registry.host}/dw/pulled:1`;
    tags.push(reference);
    const events: PullProgress[] = [];
    await docker.images.pull(reference, { onProgress: (event) => events.push(event) });
    expect(events.some((e) => e.kind === 'layer' && e.status === 'Pull complete')).toBe(true);
    expect(events.some((e) => e.kind === 'digest' && /^sha256:[0-9a-f]{64}$/.test(e.digest))).toBe(true);
    expect(events.some((e) => e.kind === 'status' && e.status.startsWith('Downloaded newer image'))).toBe(true);
    expect(await docker.images.exists(reference)).toBe(true);
    expect((await docker.images.inspect(reference)).labels).toEqual({ 'org.example.stub': 'yes' });
    await docker.images.remove(reference);
  });

  unlessPodman(PODMAN_LACKS.registry)('says IMAGE_NOT_FOUND for an image the registry does not have', async () => {
    const error = await rejection(docker.images.pull(`${registry.host}/dw/no-such-image:1`));
    expect(error.code).toBe('IMAGE_NOT_FOUND');
    expect(error.message).toMatch(/manifest unknown/);
    expect(registry.requests).toContain('GET /v2/dw/no-such-image/manifests/1');
  });
});

describe('pull policy', () => {
  unlessPodman(PODMAN_LACKS.registry)('missing: uses a local image without asking the registry; always: asks it; never: does not pull', async () => {
    const local = `${registry.host}/dw/local-only:1`;
    tags.push(local);
    await docker.images.tag('debian:bookworm-slim', local);
    const asked = () => registry.requests.filter((r) => r.includes('/dw/local-only/')).length;

    const c = await new ContainerBuilder(local).command(['sleep', '600']).waitFor(Wait.none()).run(docker);
    await c.remove();
    expect(asked()).toBe(0);

    // The registry does not have it, so `always` fails where `missing` ran.
    const always = await rejection(new ContainerBuilder(local).pull('always').command(['true']).run(docker));
    expect(always.code).toBe('IMAGE_NOT_FOUND');
    expect(asked()).toBeGreaterThan(0);

    registry.addImage('dw/remote-only', '1', { hello: 'hi\n' });
    const never = await rejection(new ContainerBuilder(`${registry.host}/dw/remote-only:1`).pull('never').command(['true']).run(docker));
    expect(never.code).toBe('IMAGE_NOT_FOUND');
    expect(registry.requests.filter((r) => r.includes('/dw/remote-only/'))).toEqual([]);
  });
});
