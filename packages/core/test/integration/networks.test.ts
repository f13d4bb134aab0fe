import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, DockerCommandError, Wait, type Docker } from '../../src/index.js';
import { docker as cli, suffix } from '../support/cli.js';
import { connectForTest, httpServer } from '../support/docker.js';

let docker: Docker;
beforeAll(async () => {
  docker = await connectForTest();
});
afterAll(async () => {
  await docker.close();
});

const idle = () => new ContainerBuilder('debian:bookworm-slim').command(['sleep', '600']).waitFor(Wait.none());
// Asks, from inside `client`, for http://<host>:8080/ and prints the status.
const fetchFrom = ['python3', '-c', 'import sys, urllib.request; print(urllib.request.urlopen(f"http://{sys.argv[1]}:8080/", timeout=5).status)'];

describe('networks', () => {
  it('lets two containers reach each other by alias', async () => {
    await using network = await docker.networks.create({ labels: { purpose: 'alias-test' } });
    const server = await new ContainerBuilder('python:3-slim').command(httpServer(200)).network(network.name, { aliases: ['web'] }).waitFor(Wait.forPort(8080)).run(docker);
    const client = await new ContainerBuilder('python:3-slim').command(['sleep', '600']).network(network.name).networkAlias('client').waitFor(Wait.none()).run(docker);

    const serverIp = server.info.networks[network.name]?.ipAddress;
    expect(serverIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await client.exec(['getent', 'hosts', 'web'])).stdout).toMatch(new RegExp(`^${serverIp?.replace(/\./g, '\\.')}\\s+web`));
    expect(await client.exec([...fetchFrom, 'web'])).toMatchObject({ exitCode: 0, stdout: '200\n' });
    // The alias given with networkAlias() resolves the other way round.
    expect((await server.exec(['getent', 'hosts', 'client'])).exitCode).toBe(0);

    const info = await network.inspect();
    expect(info.name).toBe(network.name);
    expect(info.driver).toBe('bridge');
    expect(info.labels).toMatchObject({ purpose: 'alias-test', 'docker-wrapper.session': docker.sessionId });
    expect(Object.values(info.containers).map((c) => c.name).sort()).toEqual([client.name, server.name].sort());
    await Promise.all([server.remove(), client.remove()]);
  });

  it('connects and disconnects a running container, with aliases', async () => {
    const network = await docker.networks.create();
    const member = await idle().network(network.name).run(docker);
    const late = await idle().run(docker);
    expect((await member.exec(['getent', 'hosts', 'latecomer'])).exitCode).not.toBe(0);

    await network.connect(late, { aliases: ['latecomer'] });
    expect((await member.exec(['getent', 'hosts', 'latecomer'])).exitCode).toBe(0);
    expect((await late.inspect()).networks[network.name]?.aliases).toContain('latecomer');

    await network.disconnect(late.id);
    expect((await member.exec(['getent', 'hosts', 'latecomer'])).exitCode).not.toBe(0);
    expect(Object.keys((await late.inspect()).networks)).not.toContain(network.name);
    await Promise.all([member.remove(), late.remove()]);
    await network.remove();
  });

  it('creates with a driver, subnet and internal flag, finds by name, and removes', async () => {
    const name = `dw-net-${suffix()}`;
    const network = await docker.networks.create({ name, driver: 'bridge', subnet: '172.29.147.0/24', internal: true });
    expect(network.id).toMatch(/^[0-9a-f]{64}$/);
    const info = await network.inspect();
    expect(info).toMatchObject({ name, driver: 'bridge', internal: true, subnets: ['172.29.147.0/24'] });
    expect((await docker.networks.get(name)).id).toBe(network.id);

    // An internal network has no way out, but its members still see each other.
    const a = await idle().network(name, { aliases: ['a'] }).run(docker);
    expect(a.info.networks[name]?.ipAddress).toMatch(/^172\.29\.147\./);
    await a.remove();

    await network.remove();
    const error = await docker.networks.get(name).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as DockerCommandError).code).toBe('NO_SUCH_RESOURCE');
    expect((await cli(['network', 'inspect', name])).exitCode).not.toBe(0);
  });

  it('says NAME_IN_USE for a network name that exists', async () => {
    const network = await docker.networks.create();
    const error = await docker.networks.create({ name: network.name }).then(() => undefined, (e: unknown) => e);
    expect((error as DockerCommandError).code).toBe('NAME_IN_USE');
    await network.remove();
  });
});
