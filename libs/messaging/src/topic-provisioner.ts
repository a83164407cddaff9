import { deadLetterTopicOf } from '@userops/contracts';
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  /** Compacted topics keep the latest value per key (profiles.v1). */
  compacted?: boolean;
  /** Also provision `<topic>.dlq` with the same partition count. */
  withDeadLetters?: boolean;
}

function toConfigs(spec: TopicSpec): ITopicConfig[] {
  const configEntries = spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [];
  const main: ITopicConfig = {
    topic: spec.topic,
    numPartitions: spec.partitions,
    replicationFactor: spec.replicationFactor ?? 1,
    configEntries,
  };
  if (!spec.withDeadLetters) return [main];
  return [main, { ...main, topic: deadLetterTopicOf(spec.topic), configEntries: [] }];
}

/**
 * Creates missing topics and grows existing ones to the configured partition count (Kafka can
 * add partitions, never remove them). Safe to run on every start of every replica.
 */
export async function provisionTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = specs.flatMap(toConfigs);
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // createTopics resolves false (not an error) when another replica created them first.
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    }
    const present = wanted.filter((t) => existing.has(t.topic));
    if (present.length === 0) return;
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.topic) });
    const toGrow = metadata.topics
      .map((m) => ({
        topic: m.name,
        have: m.partitions.length,
        want: present.find((t) => t.topic === m.name)!.numPartitions ?? 1,
      }))
      .filter((t) => t.want > t.have)
      .map((t) => ({ topic: t.topic, count: t.want }));
    if (toGrow.length > 0) await admin.createPartitions({ topicPartitions: toGrow, validateOnly: false });
  } finally {
    await admin.disconnect();
  }
}
