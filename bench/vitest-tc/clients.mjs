// The small client helpers the setup and the workers share (no testcontainers import here: the
// test workers load this file).
import { Kafka, logLevel } from 'kafkajs';

export const TOPIC = 'user-events';

export function postgresUrl(c) {
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}`;
}

// Creates `topic` (one partition) unless it exists, and waits for its leader.
export async function createTopic(bootstrapServers, topic) {
  const admin = new Kafka({ clientId: 'bench-tc', brokers: bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
