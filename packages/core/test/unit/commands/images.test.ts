import { describe, expect, it } from 'vitest';
import { buildCommand, parseHistory, parseImageInspect, parsePullLine, type PullProgress } from '../../../src/commands/images.js';
import { bothClis } from '../../support/fixtures.js';

describe('parseImageInspect on captured `docker image inspect`', () => {
  it.each(bothClis('images/image-inspect.{cli}.json'))('reads id, tags, labels, ports, health check and volumes (%s)', (_cli, text) => {
    const [info] = parseImageInspect(text);
    expect(info).toEqual({
      id: 'sha256:24a8b67e7fce20616fb12f089035c2f987d93697ed5394ab261d6782cf09f81d',
      repoTags: ['dw-capture-image:1'],
      created: expect.stringMatching(/^2026-11-29T02:19:14/) as unknown as string,
      sizeBytes: expect.any(Number) as unknown as number,
      labels: { 'org.example.role': 'fixture', 'org.example.team': 'core' },
      exposedPorts: ['5353/udp', '8080/tcp'],
      hasHealthCheck: true,
      volumes: ['/var/lib/fixture'],
    });
    expect(info?.sizeBytes).toBeGreaterThan(100_000_000);
  });

  it('handles an image without config sections and refuses non-arrays', () => {
    expect(parseImageInspect('[{"Id":"sha256:1","Config":{"Healthcheck":{"Test":["NONE"]}}}]')[0]).toMatchObject({ labels: {}, exposedPorts: [], volumes: [], hasHealthCheck: false, repoTags: [] });
    expect(() => parseImageInspect('{}')).toThrow(/array/);
  });
});

describe('parseHistory on captured `docker history --no-trunc --format {{json .}}`', () => {
  it.each(bothClis('images/history.{cli}.jsonl'))('reads every layer, newest first (%s)', (_cli, text) => {
    const history = parseHistory(text);
    expect(history).toHaveLength(8);
    expect(history[0]).toMatchObject({ id: 'sha256:24a8b67e7fce20616fb12f089035c2f987d93697ed5394ab261d6782cf09f81d', size: '0B', comment: '' });
    expect(history[0]?.createdBy).toContain('CMD ["sleep" "infinity"]');
    expect(history[1]).toMatchObject({ createdBy: '/bin/sh -c echo fixture > /fixture.txt', size: '8B' });
    expect(history.at(-1)).toMatchObject({ comment: 'Imported from -', size: '199MB', createdBy: '' });
    expect(history.every((entry) => entry.createdSince.endsWith('ago'))).toBe(true);
  });
});

describe('parsePullLine on captured `docker pull` output (not a terminal)', () => {
  it.each(bothClis('images/pull.{cli}.txt'))('turns each line into a progress event (%s)', (cli, text) => {
    const events = text.split('\n').filter(Boolean).map(parsePullLine);
    expect(events[0]).toEqual({ kind: 'status', status: '1: Pulling from dw/stub', line: '1: Pulling from dw/stub' });
    const layer = events.filter((e): e is Extract<PullProgress, { kind: 'layer' }> => e.kind === 'layer');
    expect(new Set(layer.map((e) => e.layer))).toEqual(new Set(['c4c7746086ab']));
    expect(layer.map((e) => e.status)).toEqual(
      cli === 'cli20' ? ['Pulling fs layer', 'Verifying Checksum', 'Download complete', 'Pull complete'] : ['Pulling fs layer', 'Download complete', 'Pull complete'],
    );
    expect(events.find((e) => e.kind === 'digest')).toMatchObject({ digest: 'sha256:2b3401058a07d5ba68004b8eecdd415a60820444bfd351fec2a1cf817ac4f8c0' });
    expect(events).toContainEqual({ kind: 'status', status: 'Downloaded newer image for 127.0.0.1:5000/dw/stub:1', line: 'Status: Downloaded newer image for 127.0.0.1:5000/dw/stub:1' });
  });

  it('reads a terminal-style progress line of a layer', () => {
    expect(parsePullLine('a3ed95caeb02: Downloading [=====>   ]  1.2MB/3.4MB')).toMatchObject({ kind: 'layer', layer: 'a3ed95caeb02', status: 'Downloading [=====>   ]  1.2MB/3.4MB' });
  });
});

describe('buildCommand', () => {
  it('puts every option before the context, each value in its own argument', () => {
    const command = buildCommand({
      context: '/tmp/ctx', dockerfile: 'Dockerfile.test', tag: 'app:test', buildArgs: { BASE: 'debian:12', FLAGS: '--no-x' },
      target: 'runtime', labels: { team: 'core' }, pull: true, noCache: true,
    });
    expect(command.args).toEqual([
      'build', '-q', '--force-rm', '-t', 'app:test', '-f', '/tmp/ctx/Dockerfile.test', '--build-arg', 'BASE=debian:12', '--build-arg', 'FLAGS=--no-x',
      '--target', 'runtime', '--label', 'team=core', '--pull', '--no-cache', '/tmp/ctx',
    ]);
    expect(buildCommand({ context: '.' }).args).toEqual(['build', '-q', '--force-rm', '.']);
  });

  it('reads a relative Dockerfile path from the context, an absolute one as is', () => {
    expect(buildCommand({ context: '/srv/app', dockerfile: 'docker/Dockerfile.ci' }).args).toContain('/srv/app/docker/Dockerfile.ci');
    expect(buildCommand({ context: '/srv/app', dockerfile: '/elsewhere/Dockerfile' }).args).toContain('/elsewhere/Dockerfile');
  });

  it('parses the image id `docker build -q` prints', () => {
    const id = `sha256:${'b'.repeat(64)}`;
    expect(buildCommand({ context: '.' }).parse(`${id}\n`)).toBe(id);
    expect(() => buildCommand({ context: '.' }).parse('Successfully built 1234\n')).toThrow(/expected an image id/);
  });

  it("reads Podman's bare digest (captured from Podman 4.3's `docker build -q`) as the same id", () => {
    const bare = '80ad6270d49793ab399d77b51d8c63398385c6d959a6db687ddcaa659cee1c48';
    expect(buildCommand({ context: '.' }).parse(`${bare}\n`)).toBe(`sha256:${bare}`);
  });
});
