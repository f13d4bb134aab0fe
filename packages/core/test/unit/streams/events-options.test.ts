import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/errors.js';
import { eventsArgs } from '../../../src/streams/events-options.js';

describe('eventsArgs', () => {
  it('maps every filter onto `docker events` flags', () => {
    expect(eventsArgs({
      type: 'container',
      action: ['start', 'die', 'oom', 'health_status'],
      labels: { 'docker-wrapper.session': 's1', marker: true },
      container: ['db', 'cache'],
      image: 'redis:7',
      since: '5m',
      until: new Date(1_700_000_000_123),
    })).toEqual([
      'events', '--format', '{{json .}}',
      '--filter', 'type=container',
      '--filter', 'event=start', '--filter', 'event=die', '--filter', 'event=oom', '--filter', 'event=health_status',
      '--filter', 'label=docker-wrapper.session=s1', '--filter', 'label=marker',
      '--filter', 'container=db', '--filter', 'container=cache',
      '--filter', 'image=redis:7',
      '--since', '5m',
      '--until', '1700000000.123',
    ]);
  });

  it('passes docker time strings through', () => {
    for (const since of ['1h30m', '2024-01-02T15:04:05Z', '2024-01-02', '1700000000.5', '10s']) {
      expect(eventsArgs({ since })).toEqual(['events', '--format', '{{json .}}', '--since', since]);
    }
  });

  it.each([
    [{ type: 'containers' }, /`type`.*Did you mean `container`/],
    [{ type: 'bogus' }, /`type`: "bogus"/],
    [{ since: 1_700_000_000 }, /`since`.*Numbers are ambiguous/],
    [{ since: 'yesterday' }, /`since`: "yesterday"/],
    [{ until: new Date(Number.NaN) }, /`until`/],
    [{ labels: { 'a b': 'x' } }, /`labels`/],
    [{ labels: { a: 1 } }, /`labels.a`/],
    [{ action: '' }, /`action`/],
    [{ container: ['ok', 'bad\nname'] }, /`container`/],
  ])('rejects %j naming the option', (options, message) => {
    const call = () => eventsArgs(options as never);
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(message);
  });
});
