import type { EventEnvelope } from '@userops/contracts';
import { eventFactsOf } from './event-facts';
import { computeFeatures, dayMs, dayOf, type RawUserState, windowCount } from './feature-math';

const now = Date.parse('2026-12-04T12:00:00.000Z');

const envelope = (overrides: Partial<EventEnvelope>): EventEnvelope => ({
  schemaVersion: 1,
  eventId: '00000000-0000-4000-8000-000000000000',
  messageId: 'm',
  sourceId: 's',
  type: 'track',
  userId: 'u1',
  properties: {},
  traits: {},
  context: {},
  timestamp: '2026-12-04T12:00:00.000Z',
  receivedAt: '2026-12-04T12:00:00.000Z',
  ...overrides,
});

describe('event facts', () => {
  it('reads revenue, falling back to total, and ignores junk amounts', () => {
    expect(eventFactsOf(envelope({ event: 'Order Completed', properties: { revenue: 42.5 } }))).toMatchObject(
      { orders: 1, revenue: 42.5 },
    );
    expect(eventFactsOf(envelope({ event: 'Order Completed', properties: { total: '10' } }))).toMatchObject({
      orders: 1,
      revenue: 10,
    });
    expect(
      eventFactsOf(envelope({ event: 'Order Completed', properties: { revenue: 'lots' } })),
    ).toMatchObject({ orders: 1, revenue: 0 });
  });

  it('counts sessions, session durations, page calls and identify traits', () => {
    expect(eventFactsOf(envelope({ event: 'Session Started' })).sessions).toBe(1);
    expect(
      eventFactsOf(envelope({ event: 'Session Ended', properties: { durationSeconds: 95 } })).sessionSeconds,
    ).toBe(95);
    expect(eventFactsOf(envelope({ type: 'page', name: 'Home' })).pageViews).toBe(1);
    expect(
      eventFactsOf(
        envelope({
          type: 'identify',
          traits: { createdAt: '2026-11-04T12:00:00Z', plan: 'pro', country: 'DE' },
        }),
      ),
    ).toMatchObject({ signedUpAtMs: now - 30 * dayMs, plan: 'pro', country: 'DE' });
    expect(eventFactsOf(envelope({ anonymousId: 'anon', userId: undefined })).userId).toBe('anon');
  });
});

describe('features', () => {
  const state: RawUserState = {
    firstSeenAtMs: now - 100 * dayMs,
    lastEventAtMs: now - 2.5 * dayMs,
    orders: 4,
    revenue: 100,
    sessions: 2,
    sessionSeconds: 300,
    pageViews: 7,
    sentimentSum: 0,
    sentimentCount: 0,
    signedUpAtMs: now - 365 * dayMs,
    ordersByDay: new Map([
      [dayOf(now), 1],
      [dayOf(now) - 29, 1],
      [dayOf(now) - 30, 1],
      [dayOf(now) - 90, 1],
    ]),
    pageViewsByDay: new Map([[dayOf(now) - 3, 7]]),
  };

  it('computes recency, averages and rolling windows in event time', () => {
    expect(computeFeatures(state, now, { windowDays: 30 })).toEqual({
      recencyDays: 2.5,
      daysSinceFirstSeen: 100,
      daysSinceSignup: 365,
      orders: 4,
      revenue: 100,
      averageOrderValue: 25,
      sessions: 2,
      sessionSeconds: 300,
      averageSessionSeconds: 150,
      pageViews: 7,
      orders30d: 2,
      pageViews30d: 7,
    });
  });

  it('never reports negative durations and has zero averages without orders', () => {
    const features = computeFeatures({ ...state, orders: 0, revenue: 0, sessions: 0 }, now - 10 * dayMs, {
      windowDays: 30,
    });
    expect(features.recencyDays).toBe(0);
    expect(features.averageOrderValue).toBe(0);
    expect(features.averageSessionSeconds).toBe(0);
  });

  it('averages sentiment over the analysed texts, and leaves it out for users who wrote none', () => {
    const features = computeFeatures({ ...state, sentimentSum: 0.9 - 0.3 + 0.1, sentimentCount: 3 }, now, {
      windowDays: 30,
    });
    expect(features).toMatchObject({ averageSentiment: 0.2333, sentimentCount: 3 });
    expect(computeFeatures(state, now, { windowDays: 30 })).not.toHaveProperty('averageSentiment');
  });

  it('counts a window as the last N days including today', () => {
    const byDay = new Map([
      [10, 1],
      [11, 2],
      [20, 4],
      [21, 8],
    ]);
    expect(windowCount(byDay, 20, 10)).toBe(6);
    expect(windowCount(byDay, 21, 1)).toBe(8);
  });
});
