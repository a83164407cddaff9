import { parseConfig } from '@userops/service-host';
import { createRedisClient } from '@userops/storage';
import { testEndpoints, testEnvelope, uniqueName } from '@userops/testing';
import type Redis from 'ioredis';
import { segmentationConfigSchema } from '../config';
import { eventFactsOf } from './event-facts';
import { type FeatureEvent, LiveFeatureStore } from './live-feature.store';

const day = 86_400_000;
const T = Date.parse('2026-11-30T12:00:00.000Z');

describe('LiveFeatureStore.applyMany against real Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];

  beforeAll(() => {
    redis = createRedisClient(testEndpoints().redisUrl);
  });

  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });

  const storeWithOwnPrefix = (): LiveFeatureStore => {
    const prefix = `${uniqueName('test-live')}:`;
    prefixes.push(prefix);
    return new LiveFeatureStore(
      redis,
      parseConfig(segmentationConfigSchema, { SEGMENTATION_REDIS_PREFIX: prefix }),
    );
  };

  /** Orders, pages, sessions and identify traits of three users, a repeated eventId and a deleted user. */
  function scenario(): { events: FeatureEvent[]; users: string[]; deleted: string } {
    const [buyer, browser, deleted] = [uniqueName('buyer'), uniqueName('browser'), uniqueName('deleted')];
    const envelopes = [
      testEnvelope(buyer, {
        event: 'Order Completed',
        properties: { revenue: 40 },
        timestamp: new Date(T - 3 * day).toISOString(),
      }),
      testEnvelope(browser, { type: 'page', name: 'Home', timestamp: new Date(T - day).toISOString() }),
      testEnvelope(buyer, {
        type: 'identify',
        traits: { plan: 'pro', country: 'FR', createdAt: '2026-01-02T00:00:00.000Z' },
        timestamp: new Date(T - 2 * day).toISOString(),
      }),
      testEnvelope(deleted, { event: 'Order Completed', properties: { total: 9 } }),
      testEnvelope(buyer, {
        event: 'Session Ended',
        properties: { durationSeconds: 120 },
        timestamp: new Date(T).toISOString(),
      }),
      testEnvelope(browser, { event: 'Session Started', timestamp: new Date(T - 5 * day).toISOString() }),
    ];
    const events = envelopes.map((e) => ({
      eventId: e.eventId,
      messageId: e.messageId,
      facts: eventFactsOf(e),
    }));
    // A redelivery inside the same batch.
    events.splice(3, 0, events[0]!);
    return { events, users: [buyer, browser, deleted], deleted };
  }

  async function forget(store: LiveFeatureStore, userId: string): Promise<void> {
    await store.deleteUser(userId, { occurredAt: new Date(T).toISOString(), body: '{}', eventIds: {} });
  }

  it('gives the same outcomes and the same features as applying the events one by one', async () => {
    const { events, users, deleted } = scenario();
    const oneByOne = storeWithOwnPrefix();
    const batched = storeWithOwnPrefix();
    await forget(oneByOne, deleted);
    await forget(batched, deleted);

    const expected = [];
    for (const e of events) expected.push(await oneByOne.apply(e.eventId, e.messageId, e.facts));
    const outcomes = await batched.applyMany(events);

    expect(expected).toEqual([
      'applied',
      'applied',
      'applied',
      'duplicate',
      'forgotten',
      'applied',
      'applied',
    ]);
    expect(outcomes).toEqual(expected);
    const strip = (loaded: Awaited<ReturnType<LiveFeatureStore['load']>>) =>
      loaded.map((u) => ({
        ...u,
        state: {
          ...u.state,
          ordersByDay: [...u.state.ordersByDay],
          pageViewsByDay: [...u.state.pageViewsByDay],
        },
      }));
    const want = strip(await oneByOne.load(users));
    expect(want.map((u) => u.userId)).toEqual(users.slice(0, 2));
    expect(want[0]).toMatchObject({
      plan: 'pro',
      country: 'FR',
      state: { orders: 1, revenue: 40, sessionSeconds: 120 },
    });
    expect(strip(await batched.load(users))).toEqual(want);
    expect(await batched.now()).toBe(await oneByOne.now());
    expect((await batched.takeDirty(10)).sort()).toEqual((await oneByOne.takeDirty(10)).sort());

    // A redelivery of the whole batch changes nothing and says so.
    expect(await batched.applyMany(events)).toEqual(
      events.map((e) => (e.facts.userId === deleted ? 'forgotten' : 'duplicate')),
    );
    expect(strip(await batched.load(users))).toEqual(want);
  });

  it('runs the script from its source when Redis does not hold it (restart, SCRIPT FLUSH)', async () => {
    const { events } = scenario();
    const store = storeWithOwnPrefix();
    await redis.script('FLUSH');
    expect(await store.applyMany(events)).toEqual([
      'applied',
      'applied',
      'applied',
      'duplicate',
      'applied',
      'applied',
      'applied',
    ]);
    expect(await store.applyMany([])).toEqual([]);
  });
});
