import { type EventEnvelope, segmentChangedEvent, Topics } from '@userops/contracts';
import {
  readAllMessages,
  testKafka,
  testEnvelope,
  uniqueName,
  uniqueSchemaName,
  waitFor,
} from '@userops/testing';
import type { Producer } from 'kafkajs';
import { register } from 'prom-client';
import type { UserSegments } from '../src/segments/segment-query.service';
import { getJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');

describe('segmentation: a consumer restart mid-stream', () => {
  const kafka = testKafka();
  // The second instance takes over the first one's group, topics, schema and Redis keys.
  const env = {
    KAFKA_TOPIC_PREFIX: `${uniqueName('t')}.`,
    SEGMENTATION_CONSUMER_GROUP: uniqueName('segmentation'),
    DATABASE_SCHEMA: uniqueSchemaName('segmentation'),
    SEGMENTATION_REDIS_PREFIX: `${uniqueName('test')}:`,
  };
  let segmentation: RunningSegmentation | undefined;
  let producer: Producer;

  beforeAll(async () => {
    segmentation = await startSegmentation(env);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
  });

  it('counts every event once and emits one segment-changed per real change across the restart', async () => {
    const event = (userId: string, daysBefore: number, call: Partial<EventEnvelope>): EventEnvelope =>
      testEnvelope(userId, { timestamp: new Date(T - daysBefore * day).toISOString(), ...call });
    const expected = new Map<string, { tier: string; orders: number; pageViews: number }>();
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 6; i++) {
      const spender = uniqueName('spender');
      expected.set(spender, { tier: 'champions', orders: 5, pageViews: 0 });
      for (let d = 0; d < 5; d++)
        events.push(event(spender, d * 3, { event: 'Order Completed', properties: { revenue: 150 } }));
      const browser = uniqueName('browser');
      expected.set(browser, { tier: 'new', orders: 0, pageViews: 12 });
      for (let d = 0; d < 12; d++) events.push(event(browser, d, { type: 'page', name: 'Home' }));
      const lapsed = uniqueName('lapsed');
      expected.set(lapsed, { tier: 'hibernating', orders: 1, pageViews: 1 });
      events.push(
        event(lapsed, 120, { event: 'Order Completed', properties: { total: 20 } }),
        event(lapsed, 121, { type: 'page' }),
      );
    }
    const topic = `${env.KAFKA_TOPIC_PREFIX}${Topics.events}`;
    const half = Math.floor(events.length / 2);
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(0, half).map((e) => ({ key: e.userId!, value: JSON.stringify(e) })),
    });
    const firstUser = events[0]!.userId!;
    await waitFor(
      async () =>
        (await getJson<UserSegments>(`${segmentation!.url}/v1/users/${firstUser}/segments`)).body?.segments
          .rfm,
      {
        description: 'the first instance to have tiered someone',
      },
    );
    await segmentation!.close();
    segmentation = undefined;
    // Prometheus' default registry is process-global; a second instance in this process needs it empty.
    register.clear();
    // Sent while nobody consumes, then a redelivery of everything the first instance saw.
    await producer.send({
      topic,
      acks: -1,
      messages: [...events.slice(half), ...events.slice(0, half)].map((e) => ({
        key: e.userId!,
        value: JSON.stringify(e),
      })),
    });
    segmentation = await startSegmentation(env);

    for (const [user, want] of expected) {
      await waitFor(
        async () => {
          const body = (await getJson<UserSegments>(`${segmentation!.url}/v1/users/${user}/segments`)).body;
          return body?.segments.rfm === want.tier ? body : undefined;
        },
        { timeoutMs: 45_000, description: `${user} in ${want.tier}` },
      );
      const { features } = (await getJson<UserSegments>(`${segmentation.url}/v1/users/${user}/segments`))
        .body!;
      expect({ orders: features.orders, pageViews: features.pageViews }).toEqual({
        orders: want.orders,
        pageViews: want.pageViews,
      });
    }
    const changes = (await readAllMessages(kafka, `${env.KAFKA_TOPIC_PREFIX}${Topics.segmentChanged}`)).map(
      (m) => segmentChangedEvent.parse(JSON.parse(m.value!.toString())),
    );
    for (const [user, want] of expected) {
      const chain = changes.filter((e) => e.userId === user);
      expect(chain[0]?.previous).toBeNull();
      chain.forEach((e, i) => {
        expect(e.current).not.toBe(e.previous);
        if (i > 0) expect(e.previous).toBe(chain[i - 1]!.current);
      });
      expect(chain.at(-1)!.current).toBe(want.tier);
    }
  });
});
