import { describe, expect, it } from 'vitest';
import type { ContainerEvent, DockerEvent } from '../../../src/streams/event-types.js';
import { parseEvent } from '../../../src/streams/events-parse.js';
import { bothClis, fixture } from '../../support/fixtures.js';

const KILLED = 'd85911bbb24e6f2c9efa0f155b4dec023637f85f5d48215daa72f0eb1bfca4b1';

function parseAll(text: string): DockerEvent[] {
  return text.split('\n').flatMap((line) => parseEvent(line) ?? []);
}

function containerEvents(events: DockerEvent[], name: string): ContainerEvent[] {
  return events.filter((e): e is ContainerEvent => e.type === 'container' && e.containerName === name);
}

describe.each(bothClis('events/lifecycle.{cli}.jsonl'))('parseEvent on docker events captured with the %s CLI', (_cli, text) => {
  const events = parseAll(text);

  it('reads every line', () => {
    expect(events).toHaveLength(text.trim().split('\n').length);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['container', 'network', 'volume', 'image']));
  });

  it('lifts name, image, exit code, signal and labels out of a killed container', () => {
    const killed = containerEvents(events, 'cap-kill');
    expect(killed.map((e) => e.action)).toEqual(['create', 'start', 'kill', 'die', 'destroy']);
    expect(killed.find((e) => e.action === 'kill')).toMatchObject({ signal: '9' });
    const die = killed.find((e) => e.action === 'die');
    expect(die).toMatchObject({ type: 'container', containerId: KILLED, id: KILLED, containerName: 'cap-kill', image: 'docker-wrapper-ci/base:dev', exitCode: 137, scope: 'local' });
    expect(die?.labels).toEqual({ cap: '1', 'docker-wrapper.session': 'capsess' });
    expect(die?.attributes).toMatchObject({ exitCode: '137', name: 'cap-kill' });
    expect(die?.detail).toBeUndefined();
    expect(die?.time).toBeCloseTo(1795918190926.5029, 2);
  });

  it('reads oom, health status and the exec action details', () => {
    expect(containerEvents(events, 'cap-oom').map((e) => e.action)).toEqual(['create', 'start', 'oom', 'oom', 'die', 'destroy']);
    const health = containerEvents(events, 'cap-health').find((e) => e.action === 'health_status');
    expect(health).toMatchObject({ action: 'health_status', detail: 'unhealthy', healthStatus: 'unhealthy' });
    const healthy = containerEvents(events, 'cap-ok').find((e) => e.action === 'health_status');
    expect(healthy?.healthStatus).toBe('healthy');
    const exec = containerEvents(events, 'cap-ok').find((e) => e.action === 'exec_start' && e.detail === 'sh -c echo hi');
    expect(exec).toMatchObject({ execId: '2493d7f55f8ed69b2d10ae92afd4509b2199c4f505619b381523b74fbad0e0d8' });
    expect(exec?.labels).toEqual({ cap: '1' });
    const execDie = containerEvents(events, 'cap-ok').find((e) => e.action === 'exec_die' && e.execId === exec?.execId);
    expect(execDie?.exitCode).toBe(0);
  });

  it('reads a rename with the old name', () => {
    const rename = containerEvents(events, 'cap-health2').find((e) => e.action === 'rename');
    expect(rename).toMatchObject({ oldName: 'cap-health', containerName: 'cap-health2' });
  });

  it('reads network, volume and image events', () => {
    const connect = events.find((e) => e.type === 'network' && e.action === 'connect');
    expect(connect).toMatchObject({ type: 'network', networkName: 'cap-net', driver: 'bridge', containerId: '113cd37d64a6081c7ce8d5254deceedeed9f8eff2cc006045cf9ab88c76e48c9' });
    const volume = events.find((e) => e.type === 'volume' && e.action === 'create');
    expect(volume).toMatchObject({ volumeName: 'cap-vol', driver: 'local' });
    const tag = events.find((e) => e.type === 'image' && e.action === 'tag');
    expect(tag).toMatchObject({ imageName: 'cap/tagged:1', imageId: 'sha256:3765a64042220c67a873a31fe61dc5bf190e0b0abbd0389c5dbad84570c93542', labels: {} });
  });

  it('reads the same events without the legacy status/id/from fields', () => {
    const modern = text.trim().split('\n').map((line) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      for (const legacy of ['status', 'id', 'from']) delete raw[legacy];
      return parseEvent(JSON.stringify(raw));
    });
    expect(modern).toEqual(events);
  });
});

describe('parseEvent edge cases', () => {
  it('returns undefined for a blank line and throws on a non-object', () => {
    expect(parseEvent('   ')).toBeUndefined();
    expect(() => parseEvent('{"Type":')).toThrow();
    expect(() => parseEvent('[1,2]')).toThrow(/not a JSON object/);
  });

  it('reads legacy events (no Type, no Actor) as container events', () => {
    const event = parseEvent('{"status":"die","id":"abc","from":"redis:7","time":1700000000}');
    expect(event).toMatchObject({ type: 'container', action: 'die', containerId: 'abc', image: 'redis:7', time: 1_700_000_000_000 });
  });

  it('keeps daemon, swarm and unknown types apart', () => {
    expect(parseEvent('{"Type":"daemon","Action":"reload","Actor":{"ID":"x","Attributes":{"name":"host"}},"time":1}')).toMatchObject({ type: 'daemon', rawType: 'daemon', name: 'host' });
    expect(parseEvent('{"Type":"builder","Action":"prune","Actor":{"ID":"","Attributes":{}},"time":1}')).toMatchObject({ type: 'other', rawType: 'builder' });
  });

  it('keeps the detail of exec actions that contain secrets as docker sent it (reports mask it)', () => {
    const event = parseEvent(fixture('events/exec-with-secret.cli20.jsonl'));
    expect(event).toMatchObject({ action: 'exec_start', detail: '/bin/sh -c PGPASSWORD=test pg_isready --host localhost --username test --dbname test' });
  });
});
