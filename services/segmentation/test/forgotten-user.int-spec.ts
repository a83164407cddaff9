import { randomUUID } from 'node:crypto';
import {
  type EventEnvelope,
  insightEvent,
  type InsightEvent,
  segmentChangedEvent,
  type SegmentChangedEvent,
  Topics,
  type UserDeletedEvent,
} from '@userops/contracts';
import { PG_POOL, REDIS } from '@userops/service-host';
import {
  readAllMessages,
  testEnvelope,
  testKafka,
  testUserDeletion,
  uniqueName,
  waitFor,
} from '@userops/testing';
import type Redis from 'ioredis';
import type { KafkaMessage, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { LiveFeatureStore } from '../src/features/live-feature.store';
import { ProfileFlushService } from '../src/profiles/profile-flush.service';
import type { UserSegments } from '../src/segments/segment-query.service';
import { getJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');
const at = (daysBefore: number) => new Date(T - daysBefore * day).toISOString();

describe('segmentation: an event or insight in flight when a user is deleted does not bring the user back', () => {
  const kafka = testKafka();
  let segmentation: RunningSegmentation;
  let producer: Producer;

  const topic = (name: string) => `${segmentation.topicPrefix}${name}`;
  const userApi = (userId: string) =>
    getJson<UserSegments>(`${segmentation.url}/v1/users/${encodeURIComponent(userId)}/segments`);
  /** Sends in order under one partition key, so the consumer sees them in this order. */
  const sendUnderKey = (
    name: string,
    key: string,
    values: ReadonlyArray<EventEnvelope | InsightEvent | UserDeletedEvent>,
  ) =>
    producer.send({
      topic: topic(name),
      acks: -1,
      messages: values.map((value) => ({ key, value: JSON.stringify(value) })),
    });
  const recordsOf = async (name: string, userId: string): Promise<KafkaMessage[]> =>
    (await readAllMessages(kafka, topic(name))).filter((m) => m.key?.toString() === userId);
  const segmentChangesOf = async (userId: string): Promise<SegmentChangedEvent[]> =>
    (await readAllMessages(kafka, topic(Topics.segmentChanged)))
      .map((m) => segmentChangedEvent.parse(JSON.parse(m.value!.toString())))
      .filter((e) => e.userId === userId);
  const metric = async (name: string, outcome: string): Promise<number> => {
    const text = await (await fetch(`${segmentation.url}/metrics`)).text();
    const line = new RegExp(`^${name}\\{outcome="${outcome}",service="segmentation"\\} (\\d+)$`, 'm').exec(
      text,
    );
    return line ? Number(line[1]) : 0;
  };
  const deletionOf = (userId: string) => testUserDeletion(userId);
  const insightAbout = (userId: string, sentiment: number): InsightEvent =>
    insightEvent.parse({
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: uniqueName('msg'),
      causationId: randomUUID(),
      kind: 'sentiment',
      textEventId: randomUUID(),
      sentiment,
      topics: [],
      keywords: [],
      segmentId: null,
    });

  beforeAll(async () => {
    segmentation = await startSegmentation();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
  });

  it('skips the deleted user everywhere (API, Postgres, profiles.v1, segment-changed) and counts the skipped messages', async () => {
    const leaver = uniqueName('leaver');
    const bystander = uniqueName('bystander');
    const order = (userId: string, daysBefore: number) =>
      testEnvelope(userId, {
        event: 'Order Completed',
        properties: { revenue: 120 },
        timestamp: at(daysBefore),
      });
    const page = (userId: string, daysBefore: number) =>
      testEnvelope(userId, { type: 'page', name: 'Home', timestamp: at(daysBefore) });
    // Accepted by ingest before the deletion; still in events.v1 when the deletion is applied.
    const inFlight = order(leaver, 30);

    await sendUnderKey(Topics.events, leaver, [order(leaver, 2)]);
    await sendUnderKey(Topics.events, bystander, [page(bystander, 1)]);
    await waitFor(async () => (await userApi(leaver)).body?.segments.rfm, {
      timeoutMs: 45_000,
      description: `${leaver} to be tiered`,
    });
    await waitFor(async () => (await userApi(bystander)).body?.features.pageViews === 1, {
      description: `${bystander} in the API`,
    });

    await sendUnderKey(Topics.userDeleted, leaver, [deletionOf(leaver)]);
    await waitFor(async () => (await userApi(leaver)).status === 404, {
      timeoutMs: 30_000,
      description: `${leaver} to be erased`,
    });
    await waitFor(async () => (await recordsOf(Topics.profiles, leaver)).some((m) => m.value === null), {
      description: `the tombstone of ${leaver}`,
    });
    await waitFor(
      async () => (await segmentChangesOf(leaver)).some((e) => e.model === 'rfm' && e.current === null),
      { description: `the erasure's segment-changed of ${leaver}` },
    );
    const profilesAtDeletion = (await recordsOf(Topics.profiles, leaver)).length;
    const changesAtDeletion = (await segmentChangesOf(leaver)).length;

    // The leaver's stale messages, each followed on the same partition by a bystander's marker.
    await sendUnderKey(Topics.events, leaver, [inFlight, page(bystander, 0)]);
    await sendUnderKey(Topics.insight, leaver, [insightAbout(leaver, -0.8), insightAbout(bystander, 0.5)]);
    await waitFor(
      async () => {
        const features = (await userApi(bystander)).body?.features;
        return features?.pageViews === 2 && features.sentimentCount === 1;
      },
      { timeoutMs: 45_000, description: `both markers applied for ${bystander}` },
    );
    // A flush that starts now takes every user dirtied so far, the leaver too if it came back.
    const flushes = segmentation.app.get(ProfileFlushService);
    await flushes.flushNow();
    await flushes.flushNow();

    expect((await userApi(leaver)).status).toBe(404);
    // Not even a partial hash: an insight alone (no lastEventAt) would not show in the API.
    const redis = segmentation.app.get<typeof REDIS, Redis>(REDIS);
    expect(await redis.exists(segmentation.app.get(LiveFeatureStore).userKey(leaver))).toBe(0);
    const pool = segmentation.app.get<typeof PG_POOL, Pool>(PG_POOL);
    const { rows } = await pool.query('select user_id from user_profiles where user_id = $1', [leaver]);
    expect(rows).toEqual([]);
    const profiles = await recordsOf(Topics.profiles, leaver);
    expect(profiles).toHaveLength(profilesAtDeletion);
    expect(profiles.at(-1)!.value).toBeNull();
    expect(await segmentChangesOf(leaver)).toHaveLength(changesAtDeletion);
    expect(await metric('userops_segmentation_events_total', 'forgotten')).toBe(1);
    expect(await metric('userops_segmentation_insights_total', 'forgotten')).toBe(1);

    // A redelivered deletion still completes: one more tombstone, nothing else.
    await sendUnderKey(Topics.userDeleted, leaver, [deletionOf(leaver)]);
    await waitFor(async () => (await recordsOf(Topics.profiles, leaver)).length === profilesAtDeletion + 1, {
      description: `the second tombstone of ${leaver}`,
    });
    expect((await recordsOf(Topics.profiles, leaver)).at(-1)!.value).toBeNull();
    expect(await segmentChangesOf(leaver)).toHaveLength(changesAtDeletion);
    expect((await userApi(leaver)).status).toBe(404);
  });
});
