// Bad input to the templates, service(), startServices() and startRun(): refused with an error naming
// the option and the value, and no docker process starts (startRun() connects by itself: the
// tripwire binary would run; the others get a real session whose docker calls are written down).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder } from '@docker-wrapper/core';
import { kafka, postgres, redis, service, startRun, startServices } from '@docker-wrapper/templates';
import { expectRefused, type BadInput } from './support/refused.js';
import { tripwire, watchedSession, type WatchedSession, type Witness } from './support/tripwire.js';

// A value of the wrong type, passed where TypeScript would refuse it.
const bad = (value: unknown): never => value as never;

describe('bad input: templates and runs', () => {
  let session: WatchedSession;
  let wire: Witness;
  let previous: string | undefined;
  beforeAll(async () => {
    session = await watchedSession();
    wire = tripwire();
    previous = process.env.DOCKER_WRAPPER_DOCKER_PATH;
    process.env.DOCKER_WRAPPER_DOCKER_PATH = wire.binary;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.DOCKER_WRAPPER_DOCKER_PATH;
    else process.env.DOCKER_WRAPPER_DOCKER_PATH = previous;
    await session.docker.close();
  });

  // Each template is made and started on the session: the error must come before `start()` runs docker.
  const started = (make: () => { start(docker: WatchedSession['docker']): Promise<unknown> }) => async () => make().start(session.docker);

  const templates: BadInput[] = [
    { title: 'postgres: version "latest"', run: started(() => postgres({ version: 'latest' })), option: 'postgres.version', value: '"latest"' },
    { title: 'postgres: user with SQL in it', run: started(() => postgres({ user: 'x; DROP ROLE postgres' })), option: 'postgres.user', value: '"x; DROP ROLE postgres"' },
    { title: 'postgres: database starting with a digit', run: started(() => postgres({ database: '1db' })), option: 'postgres.database', value: '"1db"' },
    { title: 'postgres: empty password', run: started(() => postgres({ password: '' })), option: 'postgres.password', value: '""' },
    { title: 'postgres: password that is a number', run: started(() => postgres({ password: bad(1234) })), option: 'postgres.password', value: '1234' },
    { title: 'postgres: image that is a flag', run: started(() => postgres({ image: '--privileged' })), option: 'postgres.image', value: '"--privileged"' },
    { title: 'postgres: init scripts as a string', run: started(() => postgres({ initScripts: bad('schema.sql') })), option: 'postgres.initScripts', value: '"schema.sql"' },
    { title: 'postgres: init script that is missing', run: started(() => postgres({ initScripts: ['./no-such-schema.sql'] })), option: 'postgres.initScripts[0]', value: 'no-such-schema.sql' },
    { title: 'postgres: init script that is a number', run: started(() => postgres({ initScripts: [bad(7)] })), option: 'postgres.initScripts[0]', value: '7' },
    { title: 'postgres: setting name with a space', run: started(() => postgres({ settings: { 'max connections': 10 } })), option: 'postgres.settings', value: '"max connections"' },
    { title: 'postgres: setting value that is an object', run: started(() => postgres({ settings: { work_mem: bad({ mb: 4 }) } })), option: 'postgres.settings.work_mem', value: '{"mb":4}' },
    { title: 'postgres: setting value with a newline', run: started(() => postgres({ settings: { work_mem: '4MB\nfsync=on' } })), option: 'postgres.settings.work_mem', value: '"4MB\\nfsync=on"' },
    { title: 'postgres: pull "sometimes"', run: started(() => postgres({ pull: bad('sometimes') })), option: 'postgres.pull', value: '"sometimes"' },
    { title: 'postgres: host port 0', run: started(() => postgres({ hostPort: 0 })), option: 'postgres.hostPort', value: '0' },
    { title: 'postgres: startup timeout as text', run: started(() => postgres({ startupTimeout: bad('60s') })), option: 'postgres.startupTimeout', value: '"60s"' },
    { title: 'postgres: cache as "yes"', run: started(() => postgres({ cache: bad('yes') })), option: 'postgres.cache', value: '"yes"' },
    { title: 'postgres: misspelt option', run: started(() => postgres(bad({ passwrd: 'x' }))), option: 'postgres.passwrd', value: '"x"' },
    { title: 'redis: version "seven"', run: started(() => redis({ version: 'seven' })), option: 'redis.version', value: '"seven"' },
    { title: 'redis: empty password', run: started(() => redis({ password: '' })), option: 'redis.password', value: '""' },
    { title: 'redis: password with a NUL byte', run: started(() => redis({ password: 'pa\0ss' })), option: 'redis.password', value: '"pa\\u0000ss"' },
    { title: 'redis: args as a string', run: started(() => redis({ args: bad('--maxmemory 64mb') })), option: 'redis.args', value: '"--maxmemory 64mb"' },
    { title: 'redis: args with a number', run: started(() => redis({ args: bad(['--maxmemory', 64]) })), option: 'redis.args', value: '["--maxmemory",64]' },
    { title: 'redis: image in upper case', run: started(() => redis({ image: 'Redis:7' })), option: 'redis.image', value: '"Redis:7"' },
    { title: 'redis: fractional host port', run: started(() => redis({ hostPort: 6379.5 })), option: 'redis.hostPort', value: '6379.5' },
    { title: 'redis: reuse as 1', run: started(() => redis({ reuse: bad(1) })), option: 'redis.reuse', value: '1' },
    { title: 'kafka: topic with a space', run: started(() => kafka({ topics: ['my orders'] })), option: 'kafka.topics', value: '"my orders"' },
    { title: 'kafka: zero partitions', run: started(() => kafka({ topics: [{ name: 'orders', partitions: 0 }] })), option: 'partitions', value: '0' },
    { title: 'kafka: network that is a flag', run: started(() => kafka({ network: '--host' })), option: 'kafka.network', value: '"--host"' },
    { title: 'kafka: alias with a space', run: started(() => kafka({ alias: 'my broker' })), option: 'kafka.alias', value: '"my broker"' },
    { title: 'kafka: setting value that is an array', run: started(() => kafka({ settings: { 'num.partitions': bad([1]) } })), option: 'kafka.settings', value: '[1]' },
    { title: 'kafka: a setting whose value adds a managed property on a second line', run: started(() => kafka({ settings: { 'log.retention.ms': '1000\nlisteners=PLAINTEXT://0.0.0.0:9092' } })), option: 'kafka.settings.log.retention.ms', value: '"1000\\nlisteners=PLAINTEXT://0.0.0.0:9092"' },
    { title: 'kafka: version "3"x', run: started(() => kafka({ version: '3.x' })), option: 'kafka.version', value: '"3.x"' },
    { title: 'service(): an image name instead of a builder', run: started(() => service(bad('axllent/mailpit'))), option: 'service(builder)', value: '"axllent/mailpit"' },
    { title: 'service(): kind in upper case', run: started(() => service(new ContainerBuilder('axllent/mailpit'), { kind: 'Mail' })), option: 'service.kind', value: '"Mail"' },
    { title: 'service(): connection that is not a function', run: started(() => service(new ContainerBuilder('axllent/mailpit'), { connection: bad({ host: 'x' }) })), option: 'service.connection', value: '{"host":"x"}' },
    { title: 'service(): byoEnv that is not a variable name', run: started(() => service(new ContainerBuilder('axllent/mailpit').port(8025), { byoEnv: 'MAIL URL' })), option: 'service.byoEnv', value: '"MAIL URL"' },
    { title: 'service(): misspelt option', run: started(() => service(new ContainerBuilder('axllent/mailpit'), bad({ reuse: false, startuptimeout: 5 }))), option: 'service.startuptimeout', value: '5' },
  ];

  const runs: BadInput[] = [
    { title: 'startServices(): a template given as a function', run: () => startServices(session.docker, bad({ db: postgres })), option: 'services.db', value: 'postgres()' },
    { title: 'startServices(): a template that is a string', run: () => startServices(session.docker, bad({ db: 'postgres' })), option: 'services.db', value: '"postgres"' },
    { title: 'startServices(): no services', run: () => startServices(session.docker, {}), option: 'services', value: '{}' },
    { title: 'startServices(): diagnostics as "on"', run: () => startServices(session.docker, { cache: redis() }, { diagnostics: bad('on') }), option: 'diagnostics', value: '"on"' },
    { title: 'startServices(): misspelt option', run: () => startServices(session.docker, { cache: redis() }, bad({ diagnostic: true })), option: 'diagnostic', value: 'true' },
    { title: 'startRun(): services as an array', run: () => startRun(bad([redis()])), option: 'services', value: '[' },
    { title: 'startRun(): a service name with a space', run: () => startRun({ 'my cache': redis() }), option: 'services.my cache', value: '"my cache"' },
    { title: 'startRun(): misspelt option', run: () => startRun({ cache: redis() }, bad({ reus: true })), option: 'reus', value: 'true' },
    { title: 'startRun(): keep as "no"', run: () => startRun({ cache: redis() }, { keep: bad('no') }), option: 'keep', value: '"no"' },
    { title: 'startRun(): docker host without a scheme', run: () => startRun({ cache: redis() }, { docker: { host: '10.0.0.5:2375' } }), option: 'host', value: '"10.0.0.5:2375"' },
    { title: 'startRun(): docker transport "ssh"', run: () => startRun({ cache: redis() }, { docker: { transport: bad('ssh') } }), option: 'docker.transport', value: '"ssh"' },
    { title: 'startRun(): misspelt docker option', run: () => startRun({ cache: redis() }, { docker: bad({ contex: 'remote' }) }), option: 'contex', value: '"remote"' },
    { title: 'startRun(): signal that is not an AbortSignal', run: () => startRun({ cache: redis() }, { signal: bad('stop') }), option: 'signal', value: '"stop"' },
  ];

  it.each([...templates, ...runs])('$title', async (input) => {
    const before = { session: session.activity(), wire: wire.calls().length };
    await expectRefused(input);
    expect(session.activity()).toEqual(before.session);
    expect(wire.calls().slice(before.wire)).toEqual([]);
  });
});

