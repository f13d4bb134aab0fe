// Bad input to the core: the builder as `containers.run()` receives it, and `Docker.connect()`.
// Each case is refused with an error naming the option and the value, and no docker process starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder, Docker, type ConnectOptions } from '@docker-wrapper/core';
import { expectRefused, type BadInput } from './support/refused.js';
import { tripwire, watchedSession, type WatchedSession, type Witness } from './support/tripwire.js';

const image = () => new ContainerBuilder('redis:7');

describe('bad input: the builder, run on a real session', () => {
  let session: WatchedSession;
  beforeAll(async () => {
    session = await watchedSession();
  });
  afterAll(async () => {
    await session.docker.close();
  });

  const cases: BadInput[] = [
    { title: 'tmpfs target with mount options after a colon', run: () => image().tmpfs('/scratch:exec,suid'), option: 'tmpfs', value: '"/scratch:exec,suid"' },
    { title: 'env value with a NUL byte', run: () => image().env('A', 'x\0y'), option: 'env.A', value: '"x\\u0000y"' },
    { title: 'label value with a NUL byte', run: () => image().label('a', 'x\0'), option: 'label.a', value: '"x\\u0000"' },
    { title: 'command part with a NUL byte', run: () => image().command(['echo', 'a\0b']), option: 'command', value: '\\u0000' },
    { title: 'entrypoint that is a number', run: () => image().entrypoint(5 as unknown as string), option: 'entrypoint', value: '5' },
    { title: 'bind source with a NUL byte', run: () => image().bind('/srv/\0data', '/data'), option: 'bind', value: '"/srv/\\u0000data"' },
    { title: 'file source that is relative', run: () => image().file('/etc/app.conf', { source: 'app.conf' }), option: 'file.source', value: '"app.conf"' },
    { title: 'file target that is a folder', run: () => image().file('/etc/', { content: 'x' }), option: 'file', value: '"/etc/"' },
    { title: 'host IP that is a flag', run: () => image().port(6379, { hostIp: '-p' }), option: 'port.hostIp', value: '"-p"' },
    { title: 'host IP of hex letters only', run: () => image().port(6379, { hostIp: 'beef' }), option: 'port.hostIp', value: '"beef"' },
    { title: 'host IP out of range', run: () => image().port(6379, { hostIp: '300.1.1.1' }), option: 'port.hostIp', value: '"300.1.1.1"' },
    { title: 'extra host IP with a zone index', run: () => image().extraHost('db', 'fe80::1%eth0'), option: 'extraHost.ip', value: '"fe80::1%eth0"' },
    { title: 'CPUs as a string', run: () => image().cpus('2' as unknown as number), option: 'cpus', value: '"2"' },
    { title: 'memory as a negative number', run: () => image().memoryLimit(-1), option: 'memoryLimit', value: '-1' },
    { title: 'privileged as a string', run: () => image().privileged('yes' as unknown as boolean), option: 'privileged', value: '"yes"' },
    { title: 'something that is not a builder', run: () => session.docker.containers.run({ spec: { image: 'redis:7' } } as unknown as ContainerBuilder), option: 'containers.run(builder)' },
    { title: 'image in the builder made by hand', run: () => new ContainerBuilder('redis:7', { ...image().spec, image: '--privileged' }), option: 'image', value: '"--privileged"' },
  ];

  it.each(cases)('$title', async (input) => {
    const before = session.activity();
    await expectRefused({ ...input, run: async () => session.docker.containers.run((await input.run()) as ContainerBuilder) });
    expect(session.activity()).toEqual(before);
  });
});

describe('bad input: Docker.connect()', () => {
  let wire: Witness;
  beforeAll(() => {
    wire = tripwire();
  });
  const connect = (options: ConnectOptions, env: NodeJS.ProcessEnv = {}) => () => Docker.connect({ ...options, env: { ...process.env, DOCKER_WRAPPER_IMAGE_MAP: '', ...env, DOCKER_WRAPPER_DOCKER_PATH: wire.binary } });

  const cases: BadInput[] = [
    { title: 'negative connect timeout', run: connect({ connectTimeoutMs: -1 }), option: 'connectTimeoutMs', value: '-1' },
    { title: 'connect timeout as text', run: connect({ connectTimeoutMs: 'soon' as unknown as number }), option: 'connectTimeoutMs', value: '"soon"' },
    { title: 'session id with a space', run: connect({ sessionId: 'my session' }), option: 'sessionId', value: '"my session"' },
    { title: 'host without a scheme', run: connect({ host: 'localhost:2375' }), option: 'host', value: '"localhost:2375"' },
    { title: 'host and context together', run: connect({ host: 'tcp://a:2375', context: 'remote' }), option: 'context', value: '"remote"' },
    { title: 'context that is a flag', run: connect({ context: '--tls' }), option: 'context', value: '"--tls"' },
    { title: 'label key with =', run: connect({ labels: { 'team=a': 'x' } }), option: 'labels', value: '"team=a"' },
    { title: 'label value that is a number', run: connect({ labels: { team: 1 as unknown as string } }), option: 'labels.team', value: '1' },
    { title: 'image map target that is a flag', run: connect({ imageMap: { redis: '--privileged' } }), option: 'imageMap["redis"]', value: '"--privileged"' },
    { title: 'image map key with a space', run: connect({ imageMap: { 'red is': 'redis:7' } }), option: 'imageMap key', value: '"red is"' },
    { title: 'DOCKER_WRAPPER_IMAGE_MAP pair without =', run: connect({}, { DOCKER_WRAPPER_IMAGE_MAP: 'redis' }), option: 'DOCKER_WRAPPER_IMAGE_MAP', value: '"redis"' },
    { title: 'registry prefix that is a flag', run: connect({ registryPrefix: '-v /:/host' }), option: 'registryPrefix', value: '"-v /:/host"' },
    { title: 'DOCKER_WRAPPER_REGISTRY_PREFIX with a space', run: connect({}, { DOCKER_WRAPPER_REGISTRY_PREFIX: 'mirror local' }), option: 'DOCKER_WRAPPER_REGISTRY_PREFIX', value: '"mirror local"' },
    { title: 'bind address that is not an IP', run: connect({ bindAddress: 'everywhere' }), option: 'bindAddress', value: '"everywhere"' },
    { title: 'keep as a string', run: connect({ keep: 'yes' as unknown as boolean }), option: 'keep', value: '"yes"' },
    { title: 'reaper as a number', run: connect({ reaper: 0 as unknown as boolean }), option: 'reaper', value: '0' },
    { title: 'binary as a number', run: connect({ binary: 42 as unknown as string }), option: 'binary', value: '42' },
    { title: 'misspelt option', run: connect({ contxt: 'remote' } as ConnectOptions), option: 'contxt', value: '"remote"' },
    { title: 'transport "grpc"', run: connect({ transport: 'grpc' as ConnectOptions['transport'] }), option: 'transport', value: '"grpc"' },
    { title: 'DOCKER_WRAPPER_TRANSPORT "http"', run: connect({}, { DOCKER_WRAPPER_TRANSPORT: 'http' }), option: 'DOCKER_WRAPPER_TRANSPORT', value: '"http"' },
    { title: 'options that are not an object', run: () => Docker.connect('tcp://a:2375' as unknown as ConnectOptions), option: 'Docker.connect() options', value: '"tcp://a:2375"' },
  ];

  it.each(cases)('$title', async (input) => {
    const before = wire.calls().length;
    await expectRefused(input);
    expect(wire.calls().slice(before)).toEqual([]);
  });
});
