import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, DockerCommandError, Wait, type Docker } from '../../src/index.js';
import { docker as cli, suffix } from '../support/cli.js';
import { connectForTest } from '../support/docker.js';
import { PODMAN_LACKS, unlessPodman } from '../support/engine.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

const debian = () => new ContainerBuilder('debian:bookworm-slim');

describe('volumes', () => {
  it('keeps data after the container that wrote it is gone', async () => {
    const volume = await docker.volumes.create();
    const writer = await debian().volume(volume.name, '/data').command(['sh', '-c', 'echo persisted > /data/file']).waitFor(Wait.forExit()).run(docker);
    await writer.remove();
    expect((await cli(['container', 'inspect', writer.id])).exitCode).not.toBe(0);

    const reader = await debian().volume(volume.name, '/data').command(['sleep', '600']).waitFor(Wait.none()).run(docker);
    expect(await reader.exec(['cat', '/data/file'])).toMatchObject({ exitCode: 0, stdout: 'persisted\n' });
    await reader.remove();
    await volume.remove();
  });

  it('mounts read-only when asked', async () => {
    const volume = await docker.volumes.create();
    const c = await debian().volume(volume.name, '/data', { readOnly: true }).command(['sleep', '600']).waitFor(Wait.none()).run(docker);
    const write = await c.exec(['sh', '-c', 'echo x > /data/file']);
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toMatch(/Read-only file system/);
    await c.remove();
    await volume.remove();
  });

  unlessPodman(PODMAN_LACKS.volumeLabelFilters)('creates with a driver, options and labels; inspects, lists and removes', async () => {
    const name = `dw-vol-${suffix()}`;
    const volume = await docker.volumes.create({ name, driver: 'local', driverOptions: { type: 'tmpfs', device: 'tmpfs' }, labels: { purpose: 'volume-test' } });
    expect(volume.name).toBe(name);
    const info = await volume.inspect();
    expect(info).toMatchObject({ name, driver: 'local', labels: { purpose: 'volume-test', 'docker-wrapper.session': docker.sessionId } });
    expect(info.labels['docker-wrapper.pid']).toBe(String(process.pid));
    const options = await cli(['volume', 'inspect', '--format', '{{json .Options}}', name]);
    expect(JSON.parse(options.stdout)).toEqual({ type: 'tmpfs', device: 'tmpfs' });

    expect((await docker.volumes.list({ session: true })).map((v) => v.name)).toContain(name);
    expect((await docker.volumes.list({ labels: { purpose: 'volume-test' } })).map((v) => v.name)).toEqual([name]);
    expect((await docker.volumes.list({ session: true, labels: { purpose: 'other' } })).map((v) => v.name)).toEqual([]);

    await volume.remove();
    expect((await docker.volumes.list({ session: true })).map((v) => v.name)).not.toContain(name);
    const error = await docker.volumes.get(name).inspect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('NO_SUCH_RESOURCE');
  });

  it('`await using` removes the volume, and a volume in use cannot be removed', async () => {
    let name: string;
    {
      await using volume = await docker.volumes.create();
      name = volume.name;
      const c = await debian().volume(volume.name, '/data').command(['sleep', '600']).waitFor(Wait.none()).run(docker);
      const error = await volume.remove().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DockerCommandError);
      expect((error as DockerCommandError).stderr).toMatch(/volume is in use|volume is being used/); // Docker's words, Podman's
      await c.remove();
    }
    expect((await cli(['volume', 'inspect', name])).exitCode).not.toBe(0);
  });
});
