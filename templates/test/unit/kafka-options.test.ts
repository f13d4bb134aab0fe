// kafka({...}) refuses bad input itself, before any docker process: no Docker session exists here.
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { kafka, type KafkaOptions } from '@docker-wrapper/templates';
import { normalizeKafkaOptions } from '../../src/kafka/options.js';
import { FAST_SETTINGS, propertyVariable } from '../../src/kafka/settings.js';

function refusal(options: unknown): InvalidOptionError {
  try {
    kafka(options as KafkaOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error(`kafka(${JSON.stringify(options)}) was accepted`);
}

describe('kafka() options', () => {
  it.each([
    ['an unknown option, with the closest known one', { topic: ['orders'] }, 'kafka.topic', /Did you mean `topics`\?/],
    ['a version that is not a version', { version: 'latest' }, 'kafka.version', /"latest"/],
    ['a version with a space', { version: '3.9 1' }, 'kafka.version', /"3\.9 1"/],
    ['a topic name with a space', { topics: ['my orders'] }, 'kafka.topics[0]', /"my orders"/],
    ['the topic name `.`', { topics: ['.'] }, 'kafka.topics[0]', /"\."/],
    ['the topic name `..`', { topics: [{ name: '..' }] }, 'kafka.topics[0].name', /"\.\."/],
    ['an empty topic name', { topics: [''] }, 'kafka.topics[0]', /""/],
    ['a topic name of 250 characters', { topics: ['t'.repeat(250)] }, 'kafka.topics[0]', /249/],
    ['a topic name with a slash', { topics: ['a', 'orders/eu'] }, 'kafka.topics[1]', /"orders\/eu"/],
    ['zero partitions', { topics: [{ name: 'orders', partitions: 0 }] }, 'kafka.topics[0].partitions', /: 0\. /],
    ['negative partitions', { topics: [{ name: 'orders', partitions: -3 }] }, 'kafka.topics[0].partitions', /-3/],
    ['fractional partitions', { topics: [{ name: 'orders', partitions: 1.5 }] }, 'kafka.topics[0].partitions', /1\.5/],
    ['partitions as a string', { topics: [{ name: 'orders', partitions: '3' }] }, 'kafka.topics[0].partitions', /"3"/],
    ['an unknown topic field', { topics: [{ name: 'orders', partition: 3 }] }, 'kafka.topics[0].partition', /`name`, `partitions` and `config`/],
    ['a topic listed twice', { topics: ['orders', { name: 'orders' }] }, 'kafka.topics[1].name', /listed twice/],
    ['topics Kafka takes for one another', { topics: ['a.b', 'a_b'] }, 'kafka.topics[1].name', /collide/],
    ['topics that are not an array', { topics: 'orders' }, 'kafka.topics', /"orders"/],
    ['a bad topic config value', { topics: [{ name: 'x', config: { 'retention.ms': null } }] }, 'kafka.topics[0].config.retention.ms', /null/],
    ['a listener setting', { settings: { listeners: 'PLAINTEXT://:1' } }, 'kafka.settings.listeners', /listeners/],
    ['a setting name that is not a property', { settings: { 'Log Retention': 1 } }, 'kafka.settings', /"Log Retention"/],
    ['an alias with a space', { alias: 'my kafka' }, 'kafka.alias', /"my kafka"/],
    ['a network name with a slash', { network: 'a/b' }, 'kafka.network', /"a\/b"/],
    ['a bad image reference', { image: 'Apache Kafka' }, 'kafka.image', /"Apache Kafka"/],
    ['reuse as a string', { reuse: 'yes' }, 'kafka.reuse', /"yes"/],
    ['a zero startup timeout', { startupTimeout: 0 }, 'kafka.startupTimeout', /: 0\. /],
    ['a bad pull policy', { pull: 'sometimes' }, 'kafka.pull', /"sometimes"/],
  ])('refuses %s', (_why, options, option, shown) => {
    const error = refusal(options);
    expect(error.option).toBe(option);
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toMatch(shown);
  });

  it('refuses options that are not an object', () => {
    expect(refusal(['orders']).message).toContain('Expected an object');
  });

  it('defaults to apache/kafka 3.9.1, alias `kafka` and fast single-node settings', () => {
    const normalized = normalizeKafkaOptions({});
    expect(normalized.image).toBe('apache/kafka:3.9.1');
    expect(normalized.alias).toBe('kafka');
    expect(normalized.network).toBeUndefined();
    expect(normalized.topics).toEqual([]);
    expect(normalized.settings).toEqual(FAST_SETTINGS);
    expect(normalized.reuse).toBe(false);
  });

  it('takes topic names and specs, and user settings over the defaults', () => {
    const normalized = normalizeKafkaOptions({
      version: '4.0.0',
      topics: ['events', { name: 'orders', partitions: 3, config: { 'cleanup.policy': 'compact', 'retention.ms': 60_000 } }],
      settings: { 'offsets.topic.num.partitions': 3, 'auto.create.topics.enable': false },
    });
    expect(normalized.image).toBe('apache/kafka:4.0.0');
    expect(normalized.topics).toEqual([
      { name: 'events', partitions: 1, config: {} },
      { name: 'orders', partitions: 3, config: { 'cleanup.policy': 'compact', 'retention.ms': '60000' } },
    ]);
    expect(normalized.settings['offsets.topic.num.partitions']).toBe('3');
    expect(normalized.settings['auto.create.topics.enable']).toBe('false');
  });

  it('accepts the longest legal topic name and keeps the given options as plain, frozen data', () => {
    const options = { topics: ['t'.repeat(249), 'a-b_c.D9'] };
    const template = kafka(options);
    expect(template.kind).toBe('kafka');
    expect(Object.isFrozen(template.options)).toBe(true);
    expect(JSON.parse(JSON.stringify(template.options))).toEqual(options);
    options.topics.push('later');
    expect((template.options as { topics: string[] }).topics).toHaveLength(2);
  });

  it('names broker properties as the official image reads them', () => {
    expect(propertyVariable('offsets.topic.num.partitions')).toBe('KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS');
    expect(propertyVariable('listener.name.internal_x')).toBe('KAFKA_LISTENER_NAME_INTERNAL__X');
    expect(propertyVariable('some-dashed.name')).toBe('KAFKA_SOME___DASHED_NAME');
  });
});
