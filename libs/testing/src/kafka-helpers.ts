import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { testEndpoints } from './infra/endpoints';
import { uniqueName } from './naming';
import { waitFor } from './wait-for';

export function testKafka(clientId = uniqueName('test-client')): Kafka {
  return new Kafka({
    clientId,
    brokers: testEndpoints().kafkaBrokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
  });
}

/** Creates a fresh topic with leaders elected, so producing right after cannot race creation. */
export async function createTestTopic(kafka: Kafka, prefix: string, partitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Resolves once the consumer has joined its group (so assertions on consumption are not early). */
export function waitForGroupJoin(consumer: Consumer, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`consumer did not join its group within ${timeoutMs} ms`)),
      timeoutMs,
    );
    consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Reads every message of a topic from the beginning until `count` arrived (or the deadline). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const received: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await waitFor(() => received.length >= count, {
      timeoutMs,
      description: `${count} messages on ${topic}`,
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}

/** Reads a topic from the beginning up to its current end (high watermark of every partition). */
export async function readAllMessages(
  kafka: Kafka,
  topic: string,
  timeoutMs = 60_000,
): Promise<KafkaMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high) - 1n]),
  );
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const received: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push(message);
        if (remaining.get(partition) !== undefined && BigInt(message.offset) >= remaining.get(partition)!)
          remaining.delete(partition);
      },
    });
    await waitFor(() => remaining.size === 0, {
      timeoutMs,
      description: `the end of every partition of ${topic}`,
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}
