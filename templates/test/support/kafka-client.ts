// Topic creation through kafkajs for tests that check a broker with a real client.
//
// kafkajs' createTopics({ waitForLeaders: true }) gives up on the first metadata answer that does
// not know the topic yet (UNKNOWN_TOPIC_OR_PARTITION): a KRaft broker's metadata cache lags the
// controller that created it, which on a loaded machine (eight brokers on two cores) is long enough
// to be seen. This creates the topic, then asks the metadata again until every partition has a
// leader, taking "not known yet" as "not yet".
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';

const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

export async function createTopicWithLeaders(admin: Admin, topic: string, timeoutMs = 60_000): Promise<void> {
  await admin.createTopics({ topics: [{ topic }] });
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 500)) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics[0]?.partitions ?? [];
      if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
    } catch (error) {
      if (!NOT_YET.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader for every partition after ${timeoutMs} ms`);
    await sleep(delayMs);
  }
}
