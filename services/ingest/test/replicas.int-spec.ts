import { Topics } from '@userops/contracts';
import { join } from 'node:path';
import {
  readAllMessages,
  serviceTestEnv,
  type ServiceProcess,
  startServiceProcess,
  testKafka,
  uniqueName,
} from '@userops/testing';
import { post } from './ingest-app';

describe('two ingest replicas (processes) sharing Redis and PostgreSQL', () => {
  const topicPrefix = `${uniqueName('replicas')}.`;
  const writeKey = uniqueName('wk');
  let replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    const env = serviceTestEnv('ingest', {
      KAFKA_TOPIC_PREFIX: topicPrefix,
      INGEST_BOOTSTRAP_WRITE_KEY: writeKey,
      INGEST_RATE_LIMIT_PER_SECOND: '0',
    });
    const entry = join(__dirname, '../src/main.ts');
    // One after the other: the second finds the schema, topics and key the first created.
    replicas.push(await startServiceProcess(entry, env));
    replicas.push(await startServiceProcess(entry, env));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    replicas = [];
  });

  it('publishes exactly one copy of a messageId sent to both at the same moment', async () => {
    const messageIds = Array.from({ length: 100 }, (_, i) => `same-${i}`);
    const responses = await Promise.all(
      messageIds.flatMap((messageId) =>
        replicas.map((replica) =>
          post(replica.url, '/v1/track', writeKey, { userId: 'u', event: 'Twice', messageId }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);

    const topic = `${topicPrefix}${Topics.events}`;
    // Every 200 came after Kafka's acknowledgement, so the topic's end already holds any duplicate.
    const all = await readAllMessages(testKafka(), topic);
    const counts = new Map<string, number>();
    for (const m of all) {
      const id = JSON.parse(m.value!.toString()).messageId as string;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(all).toHaveLength(messageIds.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].sort()).toEqual([...messageIds].sort());
  });
});
