// Property-based: whatever names, env values, labels, commands, mounts, image references and
// registry settings a user writes, each is refused (InvalidOptionError) or lands whole inside its
// own argument of `docker run`: it never becomes a flag of its own, a second argument, a mount
// option or a lost CSV field, and no argument holds a NUL byte (which would crash the spawn).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerCreateBody } from '../../../src/commands/container-create.js';
import { InvalidOptionError } from '../../../src/errors.js';
import { validateConnectOptions } from '../../../src/options/connect-options.js';
import { substitutionFromEnv, validateImageReference, type ImageSubstitution } from '../../../src/options/image-reference.js';
import { ContainerBuilder } from '../../../src/resources/container-builder.js';
import type { ContainerSpec } from '../../../src/resources/container-spec.js';
import { Containers } from '../../../src/resources/containers.js';
import type { EngineContext } from '../../../src/resources/engine-context.js';
import { HealthCheck } from '../../../src/wait/health-check.js';
import { flagValues, parseMount, parseRunArgs } from '../../support/docker-run-parse.js';

/** Runs per property; the total is printed by the last test. */
const RUNS = 3000;
/** Room for the runs on a loaded machine (a budget, not a timed assertion). */
const TIMEOUT = { timeout: 120_000 };

// Strings that tend to break argument lists, and arbitrary ones (any code point, control characters included).
const TRICKY = [
  '-', '--', '--privileged', '-v', '-v /:/host', '--network=host', '-e', 'a=b', '=', 'x\ny', '\r\n', ' ', 'a b', ',', 'a,readonly',
  '"', 'x"y', ':', '/a:exec', '\0', 'a\0b', '$(id)', '`id`', ';rm -rf /', '*', '\\', "'", '/data', '/srv/a,b', '/x"y', 'redis:7',
  'ghcr.io/org/app:1.2', 'mirror.local:5000', 'host-gateway', '127.0.0.1', '::1', 'linux/amd64', 'root', '1000:1000',
];
const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...TRICKY).chain((t) => fc.string({ maxLength: 6 }).map((s) => `${t}${s}`)));
const path = fc.oneof(text, text.map((t) => `/${t}`));
const port = fc.oneof(fc.integer({ min: -2, max: 70_000 }), fc.constantFrom(5432, 6379, 1.5));

/** Builder calls accepted and refused, for the summary line. */
const counts = { accepted: 0, refused: 0 };

// One builder call with generated arguments; a refused call must throw InvalidOptionError.
type Step = (builder: ContainerBuilder) => ContainerBuilder;
const steps: fc.Arbitrary<Step>[] = [
  text.map((name) => (b) => b.name(name)),
  fc.tuple(text, text).map(([key, value]) => (b) => b.env(key, value)),
  fc.tuple(text, text).map(([key, value]) => (b) => b.label(key, value)),
  fc.array(text, { maxLength: 4 }).map((argv) => (b) => b.command(argv)),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((argv) => (b) => b.entrypoint(argv)),
  fc.tuple(port, fc.option(port, { nil: undefined }), fc.option(text, { nil: undefined })).map(([p, hostPort, hostIp]) => (b) => b.port(p, { ...(hostPort !== undefined ? { hostPort } : {}), ...(hostIp !== undefined ? { hostIp } : {}) })),
  fc.tuple(text, path, fc.boolean()).map(([name, target, readOnly]) => (b) => b.volume(name, target, { readOnly })),
  fc.tuple(path, path, fc.boolean()).map(([source, target, readOnly]) => (b) => b.bind(source, target, { readOnly })),
  fc.tuple(path, fc.option(fc.constantFrom('1m', 1024, '64k'), { nil: undefined })).map(([target, size]) => (b) => b.tmpfs(target, size !== undefined ? { size } : {})),
  text.map((user) => (b) => b.user(user)),
  path.map((dir) => (b) => b.workdir(dir)),
  text.map((name) => (b) => b.hostname(name)),
  fc.tuple(text, fc.array(text, { maxLength: 2 })).map(([name, aliases]) => (b) => b.network(name, { aliases })),
  fc.tuple(text, text).map(([host, ip]) => (b) => b.extraHost(host, ip)),
  text.map((script) => (b) => b.healthCheck(HealthCheck.shell(script))),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((argv) => (b) => b.healthCheck(HealthCheck.cmd(argv))),
  text.map((platform) => (b) => b.platform(platform)),
  fc.boolean().map((on) => (b) => b.privileged(on)),
];

// Applies the steps, keeping the builder of each accepted one; anything but InvalidOptionError fails.
function build(image: string, plan: Step[]): ContainerBuilder | undefined {
  let builder: ContainerBuilder;
  try {
    builder = new ContainerBuilder(image);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return undefined;
  }
  for (const step of plan) {
    try {
      builder = step(builder);
      counts.accepted++;
    } catch (error) {
      counts.refused++;
      expect(error).toBeInstanceOf(InvalidOptionError);
    }
  }
  return builder;
}

// Session labels as Docker.connect() would accept them (the rest is refused there).
const sessionLabels = fc.dictionary(text, text, { maxKeys: 3 }).filter((labels) => {
  try {
    validateConnectOptions({ labels });
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return false;
  }
});

function containersFor(labels: Record<string, string>, substitution: ImageSubstitution, defaultHostIp = '127.0.0.1'): Containers {
  const context = { host: '127.0.0.1', defaultHostIp, sessionId: 's1', labels: () => labels, substitution, keep: false, localEngine: true } as unknown as EngineContext;
  return new Containers(context);
}

const split = (value: string | true, at: string): [string, string] => {
  const text = String(value);
  const i = text.indexOf(at);
  return [text.slice(0, i), text.slice(i + at.length)];
};

// Everything the spec holds comes back whole from the arguments as docker reads them.
function expectRoundTrip(spec: Readonly<ContainerSpec>, args: string[], labels: Record<string, string>, image: string): void {
  for (const arg of args) expect(arg.includes('\0'), JSON.stringify(arg)).toBe(false);
  const parsed = parseRunArgs(args);
  expect(parsed.image).toBe(image);
  const [entry, ...entryRest] = spec.entrypoint ?? [];
  expect(parsed.command).toEqual([...entryRest, ...(spec.command ?? [])]);
  expect(flagValues(parsed, '--entrypoint')).toEqual(entry === undefined ? [] : [entry]);
  expect(flagValues(parsed, '-e').map((v) => split(v, '='))).toEqual(Object.entries(spec.env));
  expect(flagValues(parsed, '--label').map((v) => split(v, '='))).toEqual(Object.entries({ ...spec.labels, ...labels }));
  const mounts = flagValues(parsed, '--mount').map((v) => parseMount(String(v)));
  const binds = spec.mounts.filter((m) => m.type !== 'tmpfs');
  expect(mounts.map((m) => ({ type: m.type, source: m.source, target: m.target, readonly: m.readonly }))).toEqual(
    binds.map((m) => ({ type: [m.type], source: [m.source], target: [m.target], readonly: m.readOnly ? ['true'] : undefined })),
  );
  for (const [i, mount] of mounts.entries()) {
    if (binds[i]?.type === 'volume') expect(mount['volume-label'] ?? []).toEqual(Object.entries(labels).map(([k, v]) => `${k}=${v}`));
  }
  const tmpfs = spec.mounts.flatMap((m) => (m.type === 'tmpfs' ? [m.target] : []));
  expect(flagValues(parsed, '--tmpfs').map((v) => String(v).split(':')[0])).toEqual(tmpfs);
  expect(flagValues(parsed, '--user')).toEqual(spec.user === undefined ? [] : [spec.user]);
  expect(flagValues(parsed, '--workdir')).toEqual(spec.workdir === undefined ? [] : [spec.workdir]);
  expect(flagValues(parsed, '--hostname')).toEqual(spec.hostname === undefined ? [] : [spec.hostname]);
  expect(flagValues(parsed, '--network')).toEqual(spec.network === undefined ? [] : [spec.network]);
  expect(flagValues(parsed, '--network-alias')).toEqual([...spec.networkAliases]);
  expect(flagValues(parsed, '--add-host').map((v) => split(v, ':'))).toEqual(spec.extraHosts.map(({ host, ip }) => [host, ip]));
  expect(flagValues(parsed, '--platform')).toEqual(spec.platform === undefined ? [] : [spec.platform]);
  expect(flagValues(parsed, '--privileged')).toEqual(spec.privileged ? [true] : []);
  expect(flagValues(parsed, '--health-cmd')).toEqual(spec.healthCheck && spec.healthCheck.test[0] !== 'NONE' ? [spec.healthCheck.test[1]] : []);
  expect(flagValues(parsed, '-p')).toHaveLength(spec.ports.length);
}

// The Engine API body of the same spec says what the arguments say, value for value (the `api`
// transport creates containers from it; neither transport may read a value differently).
function expectSameAsBody(spec: Readonly<ContainerSpec>, args: string[], labels: Record<string, string>): void {
  const parsed = parseRunArgs(args);
  const body = containerCreateBody({ ...spec, image: parsed.image }, { sessionLabels: labels, defaultHostIp: '127.0.0.1' }) as {
    Image: string; Env: string[]; Labels: Record<string, string>; Cmd?: string[]; Entrypoint?: string[]; User?: string; WorkingDir?: string;
    HostConfig: { Privileged: boolean; Mounts?: { Source: string; Target: string }[]; Tmpfs?: Record<string, string>; ExtraHosts?: string[]; NetworkMode?: string };
  };
  expect(body.Image).toBe(parsed.image);
  expect(body.Env).toEqual(flagValues(parsed, '-e'));
  expect(Object.entries(body.Labels)).toEqual(flagValues(parsed, '--label').map((v) => split(v, '=')));
  expect(body.Cmd ?? []).toEqual(parsed.command);
  expect(body.Entrypoint ?? []).toEqual(flagValues(parsed, '--entrypoint'));
  expect(body.User === undefined ? [] : [body.User]).toEqual(flagValues(parsed, '--user'));
  expect(body.WorkingDir === undefined ? [] : [body.WorkingDir]).toEqual(flagValues(parsed, '--workdir'));
  expect(body.HostConfig.Privileged).toBe(flagValues(parsed, '--privileged').length > 0);
  expect((body.HostConfig.Mounts ?? []).map((m) => [m.Source, m.Target])).toEqual(flagValues(parsed, '--mount').map((v) => {
    const mount = parseMount(String(v));
    return [mount.source?.[0], mount.target?.[0]];
  }));
  expect(Object.keys(body.HostConfig.Tmpfs ?? {})).toEqual(flagValues(parsed, '--tmpfs').map((v) => String(v).split(':')[0]));
  expect(body.HostConfig.ExtraHosts ?? []).toEqual(flagValues(parsed, '--add-host'));
  expect(body.HostConfig.NetworkMode === undefined ? [] : [body.HostConfig.NetworkMode]).toEqual(flagValues(parsed, '--network'));
}

let total = 0;

describe('docker run arguments (property-based)', () => {
  it('every generated builder call is refused or stays inside its own argument, and the Engine API body agrees', TIMEOUT, () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.constantFrom('redis:7', 'postgres:17', 'ghcr.io/org/app:1.2')), fc.array(fc.oneof(...steps), { maxLength: 12 }), sessionLabels, (image, plan, labels) => {
        total++;
        const builder = build(image, plan);
        if (!builder) return;
        const substitution = { map: new Map<string, string>(), registryPrefix: undefined };
        const args = containersFor(labels, substitution).runArgs(builder);
        expectRoundTrip(builder.spec, args, labels, builder.spec.image);
        expectSameAsBody(builder.spec, args, labels);
      }),
      { numRuns: RUNS },
    );
  });

  it('image maps and registry prefixes are refused or give a well-formed image reference', TIMEOUT, () => {
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), fc.dictionary(text, text, { maxKeys: 2 }), text, fc.constantFrom('redis:7', 'library/postgres:17', 'apache/kafka:3.9.1'), (prefix, map, envMap, image) => {
        total++;
        let substitution: ImageSubstitution;
        try {
          substitution = substitutionFromEnv({ DOCKER_WRAPPER_IMAGE_MAP: envMap }, map, prefix);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidOptionError);
          return;
        }
        const args = containersFor({}, substitution).runArgs(new ContainerBuilder(image));
        const parsed = parseRunArgs(args);
        expect(validateImageReference('image', parsed.image)).toBe(parsed.image);
        expect(parsed.command).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('a bind address is refused or stays the host part of each -p', TIMEOUT, () => {
    fc.assert(
      fc.property(text, (bindAddress) => {
        total++;
        try {
          validateConnectOptions({ bindAddress });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidOptionError);
          return;
        }
        const args = containersFor({}, { map: new Map(), registryPrefix: undefined }, bindAddress).runArgs(new ContainerBuilder('redis:7').port(6379));
        const [published] = flagValues(parseRunArgs(args), '-p');
        expect(published).toBe(`${bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress}::6379/tcp`);
      }),
      { numRuns: RUNS },
    );
    process.stdout.write(`[property] ${total} generated cases checked; builder calls: ${counts.accepted} accepted (round-tripped), ${counts.refused} refused\n`);
  });
});
