import { afterAll, expect, test } from '@jest/globals';
import { services } from '@docker-wrapper/jest/runtime';
import { EventPublisher, brokerList } from '../../../app/events.ts';
import { record } from '../record.cjs';

const bus = await services.isolated('bus');
const topic = `${bus.topicPrefix}user-events`;
const publisher = new EventPublisher(bus.brokers, topic);
afterAll(() => publisher.close());

test('publishes domain events a consumer reads back', async () => {
  await record('events', { topicPrefix: bus.topicPrefix });
  expect(bus.brokers[0]).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(brokerList(bus.bootstrapServers)).toEqual(bus.brokers);
  await publisher.publish({ type: 'user.created', id: 7 });
  const consumer = publisher.kafka.consumer({ groupId: `${bus.groupPrefix}e2e-reader` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    expect(JSON.parse(await received)).toEqual({ type: 'user.created', id: 7 });
  } finally {
    await consumer.disconnect();
  }
});
