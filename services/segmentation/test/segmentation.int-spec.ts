import { randomUUID } from 'node:crypto';
import {
  type EventEnvelope,
  segmentChangedEvent,
  type SegmentChangedEvent,
  Topics,
  userProfile,
  type UserProfile,
} from '@userops/contracts';
import { adjustedRandIndex } from '@userops/ml';
import {
  readAllMessages,
  testEnvelope,
  testKafka,
  testUserDeletion,
  uniqueName,
  waitFor,
} from '@userops/testing';
import type { KafkaMessage, Producer } from 'kafkajs';
import type { ModelRow } from '../src/persistence/segmentation.repository';
import type { SegmentListing, SegmentMembers, UserSegments } from '../src/segments/segment-query.service';
import type { RetrainResult } from '../src/kmeans/kmeans-model.service';
import { getJson, postJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');
const at = (daysBefore: number) => new Date(T - daysBefore * day).toISOString();

type Plant = 'spender' | 'browser' | 'lapsed';
const expectedTier: Record<Plant, string> = { spender: 'champions', browser: 'new', lapsed: 'hibernating' };

describe('segmentation: live features, RFM tiers, segment-changed, profiles and erasure through real Kafka', () => {
  const kafka = testKafka();
  let segmentation: RunningSegmentation;
  let producer: Producer;
  const sent: EventEnvelope[] = [];

  const topic = (name: string) => `${segmentation.topicPrefix}${name}`;
  const api = <T>(path: string) => getJson<T>(`${segmentation.url}${path}`);
  const userApi = (userId: string) => api<UserSegments>(`/v1/users/${encodeURIComponent(userId)}/segments`);

  const envelope = (userId: string, daysBefore: number, call: Partial<EventEnvelope>): EventEnvelope => {
    const e = testEnvelope(userId, { timestamp: at(daysBefore), ...call });
    sent.push(e);
    return e;
  };
  const order = (userId: string, daysBefore: number, revenue: number) =>
    envelope(userId, daysBefore, { event: 'Order Completed', properties: { revenue } });
  const page = (userId: string, daysBefore: number) =>
    envelope(userId, daysBefore, { type: 'page', name: 'Home' });

  const produce = async (name: string, messages: Array<{ key: string; value: string | null }>) =>
    producer.send({ topic: topic(name), acks: -1, messages });
  const sendEvents = (events: EventEnvelope[]) =>
    produce(
      Topics.events,
      events.map((e) => ({ key: e.userId!, value: JSON.stringify(e) })),
    );

  const segmentChanges = async (): Promise<SegmentChangedEvent[]> =>
    (await readAllMessages(kafka, topic(Topics.segmentChanged))).map((m: KafkaMessage) =>
      segmentChangedEvent.parse(JSON.parse(m.value!.toString())),
    );

  const plants = new Map<string, Plant>();
  const usersOf = (plant: Plant) => [...plants].filter(([, p]) => p === plant).map(([user]) => user);

  beforeAll(async () => {
    segmentation = await startSegmentation();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
  });

  it('tiers planted behaviours, counts a redelivered event once and emits one segment-changed per change', async () => {
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 4; i++) {
      const spender = uniqueName(`spender${i}`);
      plants.set(spender, 'spender');
      events.push(
        envelope(spender, 200, {
          type: 'identify',
          traits: { createdAt: at(200), plan: 'pro', country: 'DE' },
        }),
        order(spender, 20, 200),
        order(spender, 15, 200),
        order(spender, 10, 200),
        order(spender, 5, 200),
        envelope(spender, 1, { event: 'Session Started' }),
        envelope(spender, 1, { event: 'Session Ended', properties: { durationSeconds: 120 } }),
        page(spender, 0),
      );
      // A redelivery of the first order: same eventId, must not count twice.
      events.push(events.find((e) => e.userId === spender && e.event === 'Order Completed')!);

      const browser = uniqueName(`browser${i}`);
      plants.set(browser, 'browser');
      for (let d = 9; d >= 0; d--) events.push(page(browser, d));

      const lapsed = uniqueName(`lapsed${i}`);
      plants.set(lapsed, 'lapsed');
      // Out of order in event time: the page view is older than the order sent before it.
      events.push(order(lapsed, 150, 30), page(lapsed, 160));
    }
    await sendEvents(events);

    for (const [user, plant] of plants) {
      await waitFor(async () => (await userApi(user)).body?.segments.rfm === expectedTier[plant], {
        timeoutMs: 45_000,
        description: `${user} in ${expectedTier[plant]}`,
      });
    }

    const spender = usersOf('spender')[0]!;
    const view = (await userApi(spender)).body!;
    expect(view.features).toMatchObject({
      orders: 4,
      revenue: 800,
      averageOrderValue: 200,
      orders30d: 4,
      pageViews: 1,
      sessions: 1,
      sessionSeconds: 120,
      recencyDays: 0,
      daysSinceSignup: 200,
    });
    expect(view.traits).toEqual({ plan: 'pro', country: 'DE' });
    const lapsedView = (await userApi(usersOf('lapsed')[0]!)).body!;
    expect(lapsedView.features).toMatchObject({
      orders: 1,
      orders30d: 0,
      recencyDays: 150,
      daysSinceFirstSeen: 160,
    });

    // Every user's segment-changed events form one chain ending in the expected tier, with no
    // event that "changes" a tier to itself.
    const changes = (await segmentChanges()).filter((e) => e.model === 'rfm');
    const sentIds = new Set(sent.map((e) => e.eventId));
    const sentMessages = new Set(sent.map((e) => e.messageId));
    for (const [user, plant] of plants) {
      const chain = changes.filter((e) => e.userId === user);
      expect(chain.length).toBeGreaterThanOrEqual(1);
      expect(chain[0]!.previous).toBeNull();
      chain.forEach((e, i) => {
        expect(e.current).not.toBe(e.previous);
        if (i > 0) expect(e.previous).toBe(chain[i - 1]!.current);
        expect(sentIds.has(e.causationId)).toBe(true);
        expect(sentMessages.has(e.correlationId)).toBe(true);
        expect(e.modelVersion).toMatch(/^rfm-v\d+$/);
      });
      expect(chain[chain.length - 1]!.current).toBe(expectedTier[plant]);
    }
    const championEvent = changes.filter((e) => e.userId === spender).at(-1)!;
    // The scores are the ones at the moment of the change (the population may still have been filling).
    expect(championEvent.features).toMatchObject({ orders: 4, revenue: 800, rfmRecencyScore: 5 });
    expect(championEvent.features.rfmFrequencyScore).toBeGreaterThanOrEqual(4);

    // profiles.v1 carries the latest features and segments per user.
    const profiles = await waitFor(
      async () => {
        const all = (await readAllMessages(kafka, topic(Topics.profiles)))
          .filter((m) => m.key?.toString() === spender && m.value)
          .map((m) => userProfile.parse(JSON.parse(m.value!.toString())));
        return all.at(-1)?.segments.rfm === 'champions' ? all : undefined;
      },
      { description: `${spender}'s champion profile` },
    );
    expect(profiles.at(-1)!.features).toMatchObject({ orders: 4, revenue: 800 });

    // No-op events: a redelivered order and a same-time page view change no tier.
    const before = changes.length;
    const redelivered = sent.find((e) => e.userId === spender && e.event === 'Order Completed')!;
    const marker = page(spender, 0);
    await sendEvents([redelivered, marker]);
    await waitFor(async () => (await userApi(spender)).body?.features.pageViews === 2, {
      description: 'the marker page view',
    });
    await waitFor(
      async () =>
        (await readAllMessages(kafka, topic(Topics.profiles)))
          .filter((m) => m.key?.toString() === spender && m.value)
          .some(
            (m) =>
              (userProfile.parse(JSON.parse(m.value!.toString())) as UserProfile).features.pageViews === 2,
          ),
      { description: 'a flush after the marker' },
    );
    // Two more flushes pass (250 ms each) before we count again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await userApi(spender)).body!.features.orders).toBe(4);
    expect((await segmentChanges()).filter((e) => e.model === 'rfm')).toHaveLength(before);
    const metrics = await (await fetch(`${segmentation.url}/metrics`)).text();
    // At least the 4 planted redeliveries and the one above (a consumer rebalance may add more).
    const duplicates =
      /userops_segmentation_events_total\{outcome="duplicate",service="segmentation"\} (\d+)/.exec(metrics);
    expect(Number(duplicates?.[1])).toBeGreaterThanOrEqual(5);
  });

  it('serves segment sizes, paged members and the RFM model history', async () => {
    const listing = (await api<SegmentListing[]>('/v1/segments')).body!;
    expect(listing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          model: 'rfm',
          segmentId: 'champions',
          size: 4,
          description: expect.stringContaining('Champions'),
        }),
        expect.objectContaining({ model: 'rfm', segmentId: 'new', size: 4 }),
        expect.objectContaining({ model: 'rfm', segmentId: 'hibernating', size: 4 }),
      ]),
    );
    const first = (await api<SegmentMembers>('/v1/segments/rfm/champions/members?limit=3')).body!;
    expect(first.members).toHaveLength(3);
    expect(first.nextCursor).toBe(first.members[2]);
    const second = (
      await api<SegmentMembers>(
        `/v1/segments/rfm/champions/members?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
      )
    ).body!;
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.members, ...second.members].sort()).toEqual(usersOf('spender').sort());
    expect((await api('/v1/segments/nope/champions/members')).status).toBe(400);
    expect((await userApi('nobody-' + randomUUID())).status).toBe(404);

    const models = (await api<ModelRow[]>('/v1/models')).body!;
    const rfm = models.filter((m) => m.model === 'rfm');
    expect(rfm.length).toBeGreaterThanOrEqual(1);
    expect(rfm[0]!.params).toEqual({ cuts: expect.objectContaining({ recency: expect.any(Array) }) });
    // A version is stored only when a cut point moves, so the latest may predate the last users.
    expect(rfm[0]!.trainingSize).toBeGreaterThanOrEqual(1);
    expect(rfm[0]!.trainingSize).toBeLessThanOrEqual(12);
    expect(new Set(rfm.map((m) => JSON.stringify(m.params))).size).toBe(rfm.length);
  });

  it('groups the planted behaviours by k-means on retrain, with stable ids and one event per change', async () => {
    const trained = await postJson<RetrainResult>(`${segmentation.url}/admin/models/kmeans/retrain`, {});
    expect(trained.status).toBe(200);
    expect(trained.body).toMatchObject({ version: 'kmeans-v1', k: 3, trainingSize: 12, changed: 12 });
    expect(trained.body.elbow.length).toBeGreaterThanOrEqual(2);

    const users = [...plants.keys()];
    const segmentOf = new Map<string, string>();
    for (const user of users) segmentOf.set(user, (await userApi(user)).body!.segments.kmeans!);
    const groups = ['spender', 'browser', 'lapsed'];
    const truth = users.map((user) => groups.indexOf(plants.get(user)!));
    const found = [...new Set(segmentOf.values())];
    expect(
      adjustedRandIndex(
        truth,
        users.map((user) => found.indexOf(segmentOf.get(user)!)),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    const spenders = trained.body.segments.find(
      (s) => s.segmentId === segmentOf.get(usersOf('spender')[0]!),
    )!;
    expect(spenders.description).toContain('high spend');

    const kmeansEvents = await waitFor(
      async () => {
        const all = (await segmentChanges()).filter((e) => e.model === 'kmeans');
        return all.length >= 12 ? all : undefined;
      },
      { description: '12 kmeans segment-changed events' },
    );
    expect(kmeansEvents).toHaveLength(12);
    expect(new Set(kmeansEvents.map((e) => e.userId)).size).toBe(12);
    expect(kmeansEvents.every((e) => e.previous === null && e.modelVersion === 'kmeans-v1')).toBe(true);

    // A retrain on the same population keeps every id: no user changes segment, no event.
    const again = await postJson<RetrainResult>(`${segmentation.url}/admin/models/kmeans/retrain`, {});
    expect(again.body).toMatchObject({ version: 'kmeans-v2', changed: 0 });
    expect(again.body.segments.map((s) => s.segmentId).sort()).toEqual(found.sort());
    expect((await segmentChanges()).filter((e) => e.model === 'kmeans')).toHaveLength(12);
    const models = (await api<ModelRow[]>('/v1/models')).body!.filter((m) => m.model === 'kmeans');
    expect(models.map((m) => m.version)).toEqual([2, 1]);
    expect(models[0]!.metrics).toMatchObject({
      k: 3,
      silhouette: expect.any(Number),
      inertia: expect.any(Number),
    });
    const listing = (await api<SegmentListing[]>('/v1/segments')).body!.filter((s) => s.model === 'kmeans');
    expect(listing.map((s) => s.size).sort()).toEqual([4, 4, 4]);
    expect(listing.find((s) => s.segmentId === spenders.segmentId)!.description).toBe(spenders.description);
  });

  it('forgets a deleted user and tombstones the profile', async () => {
    const leaver = usersOf('browser')[0]!;
    const eventId = randomUUID();
    const deletion = testUserDeletion(leaver, eventId);
    await produce(Topics.userDeleted, [{ key: leaver, value: JSON.stringify(deletion) }]);
    await waitFor(async () => (await userApi(leaver)).status === 404, {
      timeoutMs: 30_000,
      description: `${leaver} to be forgotten`,
    });
    const tombstone = await waitFor(
      async () =>
        (await readAllMessages(kafka, topic(Topics.profiles))).find(
          (m) => m.key?.toString() === leaver && m.value === null,
        ),
      { description: `the tombstone of ${leaver}` },
    );
    expect(tombstone.value).toBeNull();
    const members = (await api<SegmentMembers>('/v1/segments/rfm/new/members')).body!;
    expect(members.members).not.toContain(leaver);
    expect(members.members).toHaveLength(3);
    const erased = (await segmentChanges()).filter((e) => e.userId === leaver && e.current === null);
    expect(erased.map((e) => e.model).sort()).toEqual(['kmeans', 'rfm']);
    expect(erased.find((e) => e.model === 'rfm')).toMatchObject({ previous: 'new', causationId: eventId });
  });
});
