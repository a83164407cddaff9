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
