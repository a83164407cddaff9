import { Topics } from '@userops/contracts';
import { createKafka } from '@userops/messaging';
import { DisposableBroker, readAllMessages, waitFor } from '@userops/testing';
import { post, type RunningIngest, startIngest } from './ingest-app';

interface Outcome {
  messageId: string;
  status: number;
  phase: 'before' | 'down' | 'after';
}

describe('ingest while the broker goes away and comes back', () => {
  const broker = new DisposableBroker(19292);
  let ingest: RunningIngest;

  beforeAll(async () => {
    await broker.start();
    ingest = await startIngest({
      KAFKA_BROKERS: broker.brokers.join(','),
      INGEST_KAFKA_SEND_TIMEOUT_MS: '2000',
      INGEST_RATE_LIMIT_PER_SECOND: '0',
    });
  });

  afterAll(async () => {
    await ingest?.close();
    await broker.destroy();
  });

  it('acknowledges only what Kafka holds, answers 503 otherwise, and resumes without a restart', async () => {
    const outcomes: Outcome[] = [];
    let phase: Outcome['phase'] = 'before';
    let running = true;
    let sequence = 0;
    const worker = async (id: number) => {
      while (running) {
        const messageId = `w${id}-${(sequence += 1)}`;
        const sentIn = phase;
        const response = await post(ingest.url, '/v1/track', ingest.writeKey, {
          userId: `user-${id}`,
          event: 'Load',
          messageId,
        });
        outcomes.push({ messageId, status: response.status, phase: sentIn });
        if (response.status === 503) expect(response.headers.get('retry-after')).toBe('1');
      }
    };
    const workers = Array.from({ length: 6 }, (_, i) => worker(i));

    await waitFor(() => outcomes.filter((o) => o.status === 200).length >= 200, {
      description: '200 acknowledged events before the outage',
    });
    phase = 'down';
    await broker.stop();
    await waitFor(() => outcomes.filter((o) => o.status === 503).length >= 6, {
      timeoutMs: 60_000,
      description: '503s while the broker is down',
    });
    await broker.start();
    phase = 'after';
    await waitFor(() => outcomes.filter((o) => o.phase === 'after' && o.status === 200).length >= 200, {
      timeoutMs: 90_000,
      description: 'acknowledged events after the broker came back',
    });
    running = false;
    await Promise.all(workers);

    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.messageId);

    const kafka = createKafka({ brokers: broker.brokers, clientId: 'durability-reader' });
    // Events that got 503 may still have landed (the write can finish after the deadline); every 200 must be there.
    const messages = await readAllMessages(kafka, `${ingest.topicPrefix}${Topics.events}`);
    const inKafka = new Set(messages.map((m) => JSON.parse(m.value!.toString()).messageId as string));
    const missing = acknowledged.filter((id) => !inKafka.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(missing).toEqual([]);
  }, 300_000);
});
