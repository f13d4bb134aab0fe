// The stand-in image builder fails clearly and fast on bad setup.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { standIn } from './support/images.js';

const main = fileURLToPath(new URL('../scripts/images/main.mjs', import.meta.url));

describe('npm run images on a bad setup', () => {
  it('says the engine is not reachable when no daemon answers', async () => {
    const started = performance.now();
    const result = await execa(process.execPath, [main], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, reject: false, timeout: 30_000 });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/the Docker engine is not reachable .*Start the daemon/);
    expect(performance.now() - started).toBeLessThan(25_000);
  });

  it('says how to get debootstrap when it is missing and no registry can be reached', async () => {
    // An empty PATH but for node and docker: no debootstrap, no apt-get. A mirror nobody used makes
    // the base image "missing" so the builder needs debootstrap.
    const bin = await mkdtemp(join(tmpdir(), 'dw-bin-'));
    const { symlink } = await import('node:fs/promises');
    const docker = (await execa('sh', ['-c', 'command -v docker'])).stdout.trim();
    await symlink(docker, join(bin, 'docker'));
    await symlink(process.execPath, join(bin, 'node'));
    const result = await execa(process.execPath, [main], {
      env: { PATH: bin, DOCKER_WRAPPER_DEBIAN_MIRROR: 'http://mirror.invalid/debian', HOME: process.env.HOME },
      reject: false,
      timeout: 120_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/debootstrap is not installed.*apt-get install debootstrap/);
  });

  it('prints the tail of a failed image build', async () => {
    const { buildOne } = await import('../scripts/images/build.mjs');
    const root = await mkdtemp(join(tmpdir(), 'dw-images-'));
    await mkdir(join(root, 'broken'));
    await writeFile(join(root, 'broken', 'Dockerfile'), 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo "step about to fail" && exit 7\n');
    const error = await buildOne({ repository: 'broken', folder: 'broken' }, standIn('debian:bookworm-slim'), () => undefined, root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/docker build of broken failed; the last lines of its output:/);
    expect((error as Error).message).toContain('step about to fail');
    // The failed step's container does not stay behind.
    const { stdout } = await execa('docker', ['ps', '-a', '--no-trunc', '--filter', 'status=exited', '--format', '{{.Command}}']);
    expect(stdout).not.toContain('step about to fail');
  });
});
