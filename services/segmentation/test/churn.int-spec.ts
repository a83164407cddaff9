import {
  type EventEnvelope,
  segmentChangedEvent,
  type SegmentChangedEvent,
  Topics,
} from '@userops/contracts';
import { readAllMessages, testKafka, testEnvelope, uniqueName, waitFor } from '@userops/testing';
import type { Producer } from 'kafkajs';
import type { ChurnRetrainResult } from '../src/churn/churn-model.service';
import type { ModelRow } from '../src/persistence/segmentation.repository';
import type { UserSegments } from '../src/segments/segment-query.service';
import { getJson, postJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');

type Plant = 'active' | 'fading' | 'gone';
const plan: Record<Plant, { from: number; to: number; every: number; expected: string }> = {
  active: { from: 120, to: 0, every: 3, expected: 'likely-active' },
  fading: { from: 120, to: 45, every: 3, expected: 'predicted-churners' },
  gone: { from: 220, to: 150, every: 5, expected: 'predicted-churners' },
};

describe('segmentation: churn propensity trained on event history through real Kafka', () => {
  const kafka = testKafka();
  let segmentation: RunningSegmentation;
  let producer: Producer;
  const plants = new Map<string, Plant>();

  const topic = (name: string) => `${segmentation.topicPrefix}${name}`;
  const userApi = (userId: string) =>
    getJson<UserSegments>(`${segmentation.url}/v1/users/${encodeURIComponent(userId)}/segments`);
  const pageView = (userId: string, daysBefore: number): EventEnvelope =>
    testEnvelope(userId, {
      type: 'page',
      name: 'Home',
      timestamp: new Date(T - daysBefore * day).toISOString(),
    });
  const send = (events: EventEnvelope[]) =>
    producer.send({
      topic: topic(Topics.events),
      acks: -1,
      messages: events.map((e) => ({ key: e.userId!, value: JSON.stringify(e) })),
    });
  const churnChanges = async (): Promise<SegmentChangedEvent[]> =>
    (await readAllMessages(kafka, topic(Topics.segmentChanged)))
      .map((m) => segmentChangedEvent.parse(JSON.parse(m.value!.toString())))
      .filter((e) => e.model === 'churn');

  beforeAll(async () => {
    segmentation = await startSegmentation({ SEGMENTATION_KMEANS_RETRAIN_AFTER_NEW_USERS: '24' });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
  });

  it('predicts churners with held-out metrics, segments them and emits one event per change', async () => {
    const events: EventEnvelope[] = [];
    const expectedViews = new Map<string, number>();
    for (const plant of Object.keys(plan) as Plant[]) {
      for (let i = 0; i < 8; i++) {
        const user = uniqueName(plant);
        plants.set(user, plant);
        const { from, to, every } = plan[plant];
        let views = 0;
        for (let d = from + i; d >= to + (plant === 'active' ? 0 : i); d -= every, views++)
          events.push(pageView(user, d));
        if (plant === 'active') {
          // Active users are also seen on the last day, so the event-time clock is T.
          events.push(pageView(user, 0));
          views++;
        }
        expectedViews.set(user, views);
      }
    }
    await send(events);
    for (const [user, views] of expectedViews) {
      await waitFor(async () => (await userApi(user)).body?.features.pageViews === views, {
        timeoutMs: 45_000,
        description: `${views} page views of ${user}`,
      });
    }
    // The flush after the last event has written every profile.
    await waitFor(
      async () => {
        const rfm =
          (await getJson<Array<{ model: string; size: number }>>(`${segmentation.url}/v1/segments`)).body ??
          [];
        return rfm.filter((s) => s.model === 'rfm').reduce((sum, s) => sum + s.size, 0) === 24;
      },
      { description: '24 profiles in Postgres' },
    );

    // The after-N-new-users trigger trained k-means once all 24 users had profiles.
    const kmeans = await waitFor(
      async () =>
        ((await getJson<ModelRow[]>(`${segmentation.url}/v1/models`)).body ?? []).find(
          (m) => m.model === 'kmeans',
        ),
      { description: 'a k-means version trained after 24 new users' },
    );
    expect(kmeans).toMatchObject({ version: 1, trainingSize: 24 });

    const trained = await postJson<ChurnRetrainResult>(`${segmentation.url}/admin/models/churn/retrain`, {});
    expect(trained.status).toBe(200);
    expect(trained.body).toMatchObject({ version: 'churn-v1', trainingSize: 24, changed: 24 });
    expect(trained.body.sizes).toEqual({ 'likely-active': 8, 'predicted-churners': 16 });
    expect(trained.body.metrics.testSize).toBe(6);
    expect(trained.body.metrics.rocAuc).toBeGreaterThanOrEqual(0.9);
    expect(trained.body.metrics.recall).toBeGreaterThanOrEqual(0.75);

    for (const [user, plant] of plants)
      expect((await userApi(user)).body!.segments.churn).toBe(plan[plant].expected);
    const changes = await waitFor(async () => {
      const all = await churnChanges();
      return all.length >= 24 ? all : undefined;
    });
    expect(changes).toHaveLength(24);
    expect(changes.every((e) => e.previous === null && e.features.churnProbability !== undefined)).toBe(true);

    // A returning user is re-scored on the live path: exactly one change, caused by their event.
    const returning = [...plants].find(([, p]) => p === 'gone')![0];
    // Back as an active user is: a visit every few days over the last month.
    const visits = [27, 24, 21, 18, 15, 12, 9, 6, 3].map((d) => pageView(returning, d));
    const comeback = pageView(returning, 0);
    const stayer = [...plants].find(([, p]) => p === 'active')![0];
    await send([...visits, comeback, pageView(stayer, 0)]);
    const back = await waitFor(
      async () => (await churnChanges()).find((e) => e.userId === returning && e.previous !== null),
      {
        description: `${returning} re-scored after coming back`,
      },
    );
    expect(back).toMatchObject({ previous: 'predicted-churners', current: 'likely-active' });
    expect([...visits, comeback].map((e) => e.eventId)).toContain(back.causationId);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await churnChanges()).toHaveLength(25);
  });
});
