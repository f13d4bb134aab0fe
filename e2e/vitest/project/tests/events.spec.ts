import { afterAll, describe, expect, it } from 'vitest';
import { services } from '@docker-wrapper/vitest/runtime';
import { EventPublisher } from '../../../app/events.js';
import { record } from '../record.js';

const bus = await services.isolated('bus');
const topic = `${bus.topicPrefix}user-events`;
const publisher = new EventPublisher(bus.brokers, topic);
afterAll(() => publisher.close());

describe('event publisher', () => {
  it('publishes domain events a consumer reads back', async () => {
    await record('events', { topicPrefix: bus.topicPrefix });
    expect(bus.brokers[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    await publisher.publish({ type: 'user.created', id: 7 });
    const consumer = publisher.kafka.consumer({ groupId: `${bus.groupPrefix}e2e-reader` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
      });
      expect(JSON.parse(await received)).toEqual({ type: 'user.created', id: 7 });
    } finally {
      await consumer.disconnect();
    }
  });
});
