import { randomUUID } from 'node:crypto';
import {
  type EventEnvelope,
  segmentChangedEvent,
  type SegmentChangedEvent,
  Topics,
} from '@userops/contracts';
import { createKafka } from '@userops/messaging';
import {
  DisposableBroker,
  readAllMessages,
  testEnvelope,
  testUserDeletion,
  uniqueName,
  waitFor,
} from '@userops/testing';
import type { Kafka, Producer } from 'kafkajs';
import { eventFactsOf } from '../src/features/event-facts';
import { LiveFeatureStore } from '../src/features/live-feature.store';
import type { RetrainResult } from '../src/kmeans/kmeans-model.service';
import { SegmentChangeOutbox } from '../src/outbox/segment-change.outbox';
import type { UserSegments } from '../src/segments/segment-query.service';
import { UserDeletionService } from '../src/users/user-deletion.service';
import { getJson, postJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');

/**
 * The segment swap and its segment-changed event are recorded together (Redis outbox), so a
 * Kafka send that fails after the swap only delays the event. The broker is a disposable one of
 * this test's own, stopped while changes happen on every path that makes them (the flush, a
 * retrain, an erasure) and started again.
 */
describe('segmentation: segment-changed survives a Kafka outage after the segment swap', () => {
  const broker = new DisposableBroker(19492);
  let segmentation: RunningSegmentation;
  let kafka: Kafka;
  let producer: Producer;

  const userApi = async (userId: string) =>
    getJson<UserSegments>(`${segmentation.url}/v1/users/${encodeURIComponent(userId)}/segments`);
  const segmentChanges = async (): Promise<SegmentChangedEvent[]> =>
    (await readAllMessages(kafka, `${segmentation.topicPrefix}${Topics.segmentChanged}`)).map((m) =>
      segmentChangedEvent.parse(JSON.parse(m.value!.toString())),
    );
  const outboxPending = () => segmentation.app.get(SegmentChangeOutbox).pending();

  const envelope = (userId: string, daysBefore: number, call: Partial<EventEnvelope>): EventEnvelope =>
    testEnvelope(userId, { timestamp: new Date(T - daysBefore * day).toISOString(), ...call });
  const order = (userId: string, daysBefore: number, revenue: number) =>
    envelope(userId, daysBefore, { event: 'Order Completed', properties: { revenue } });

  beforeAll(async () => {
    await broker.start();
    segmentation = await startSegmentation({
      KAFKA_BROKERS: broker.brokers.join(','),
      SEGMENTATION_OUTBOX_RELAY_INTERVAL_MS: '200',
    });
    kafka = createKafka({ brokers: broker.brokers, clientId: uniqueName('outbox-test') });
    producer = kafka.producer();
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
    await broker.destroy();
  }, 120_000);

  it('sends each change recorded during the outage exactly once when Kafka returns (flush, retrain, erasure)', async () => {
    const spenders = Array.from({ length: 3 }, (_, i) => uniqueName(`spender${i}`));
    const browsers = Array.from({ length: 3 }, (_, i) => uniqueName(`browser${i}`));
    const lapsed = Array.from({ length: 3 }, (_, i) => uniqueName(`lapsed${i}`));
    const events: EventEnvelope[] = [
      ...spenders.flatMap((user) => [0, 4, 8, 12].map((d) => order(user, d, 250))),
      ...browsers.flatMap((user) => [0, 1, 2, 3, 4].map((d) => envelope(user, d, { type: 'page' }))),
      ...lapsed.flatMap((user) => [order(user, 140, 20), envelope(user, 150, { type: 'page' })]),
    ];
    await producer.send({
      topic: `${segmentation.topicPrefix}${Topics.events}`,
      acks: -1,
      messages: events.map((e) => ({ key: e.userId!, value: JSON.stringify(e) })),
    });
    const users = [...spenders, ...browsers, ...lapsed];
    const tierBefore = new Map<string, string>();
    for (const user of users) {
      const tier = await waitFor(async () => (await userApi(user)).body?.segments.rfm, {
        timeoutMs: 120_000,
        description: `${user} to be tiered`,
      });
      tierBefore.set(user, tier);
    }
    await waitFor(async () => (await outboxPending()) === 0, { description: 'the outbox to drain' });
    const sentBefore = (await segmentChanges()).length;

    await broker.stop();

    // Flush path: the lapsed users buy again (applied as the consumer does, just before the outage).
    const store = segmentation.app.get(LiveFeatureStore);
    for (const user of lapsed)
      for (const d of [0, 1, 2, 3, 5]) {
        const comeback = order(user, d, 400);
        expect(await store.apply(comeback.eventId, comeback.messageId, eventFactsOf(comeback))).toBe(
          'applied',
        );
      }
    for (const user of lapsed)
      await waitFor(async () => (await userApi(user)).body?.segments.rfm !== tierBefore.get(user), {
        timeoutMs: 90_000,
        description: `${user} to move out of ${tierBefore.get(user)} while Kafka is down`,
      });

    // Retrain path: every user gets a first k-means segment.
    const retrained = await postJson<RetrainResult>(`${segmentation.url}/admin/models/kmeans/retrain`, {});
    expect(retrained.status).toBe(200);
    expect(retrained.body.changed).toBe(users.length);

    // Erasure path: the deletion is recorded; the tombstone fails, so the message would be retried.
    const leaver = browsers[0]!;
    const deletionId = randomUUID();
    await expect(
      segmentation.app.get(UserDeletionService).deleteUser(testUserDeletion(leaver, deletionId)),
    ).rejects.toThrow();
    expect((await userApi(leaver)).status).toBe(404);

    // lapsed rfm moves + one kmeans change per user + the leaver's rfm and kmeans changes to null.
    expect(await outboxPending()).toBeGreaterThanOrEqual(lapsed.length + users.length + 2);

    await broker.start();
    await waitFor(async () => (await outboxPending()) === 0, {
      timeoutMs: 90_000,
      description: 'the outbox to drain after Kafka came back',
    });

    const changes = await segmentChanges();
    // Nothing sent twice: one message per eventId, and one eventId per change.
    expect(new Set(changes.map((e) => e.eventId)).size).toBe(changes.length);
    expect(changes.length).toBeGreaterThan(sentBefore);
    for (const user of users) {
      const view = (await userApi(user)).body;
      for (const model of ['rfm', 'kmeans'] as const) {
        const chain = changes.filter((e) => e.userId === user && e.model === model);
        // Nothing lost: each event starts where the one before ended, the last is where the user is now.
        expect(chain[0]?.previous).toBeNull();
        chain.forEach((e, i) => {
          expect(e.current).not.toBe(e.previous);
          if (i > 0) expect(e.previous).toBe(chain[i - 1]!.current);
        });
        expect(chain.at(-1)!.current).toBe(user === leaver ? null : view!.segments[model]);
      }
    }
    const kmeansFirst = changes.filter((e) => e.model === 'kmeans' && e.previous === null);
    expect(kmeansFirst).toHaveLength(users.length);
    expect(kmeansFirst.every((e) => e.modelVersion === retrained.body.version)).toBe(true);
    for (const user of lapsed) {
      const moved = changes.filter((e) => e.userId === user && e.model === 'rfm').at(-1)!;
      expect(moved.previous).toBe(tierBefore.get(user));
      expect(moved.features.orders).toBe(6);
    }
    expect(changes.find((e) => e.userId === leaver && e.model === 'rfm' && e.current === null)).toMatchObject(
      {
        previous: tierBefore.get(leaver),
        causationId: deletionId,
      },
    );
  }, 400_000);
});
