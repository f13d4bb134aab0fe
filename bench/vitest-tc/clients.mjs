// The small client helpers the setup and the workers share (no testcontainers import here: the
// test workers load this file).
import { Kafka, logLevel } from 'kafkajs';

export const TOPIC = 'user-events';

export function postgresUrl(c) {
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}`;
}

// Creates `topic` (one partition) unless it exists, and waits for its leader. Not kafkajs's
// `waitForLeaders`: right after the creation the broker may answer UNKNOWN_TOPIC_OR_PARTITION,
// which that wait does not retry.
export async function createTopic(brokers, topic) {
  const admin = new Kafka({ clientId: 'bench-tc', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    const deadline = Date.now() + 30_000;
    while (!(await led(admin, topic))) {
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.disconnect();
  }
}

async function led(admin, topic) {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0].partitions.length > 0 && topics[0].partitions.every((p) => p.leader >= 0);
  } catch {
    return false;
  }
}
