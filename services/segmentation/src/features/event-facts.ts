import type { EventEnvelope } from '@userops/contracts';

/** What one event contributes to its user's live features (all increments; zero when absent). */
export interface EventFacts {
  userId: string;
  eventTimeMs: number;
  orders: number;
  revenue: number;
  sessions: number;
  sessionSeconds: number;
  pageViews: number;
  /** identify traits.createdAt, when it parses as a date. */
  signedUpAtMs?: number;
  plan?: string;
  country?: string;
}

const finiteNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

const shortString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;

/**
 * The Segment spec events that carry meaning for segmentation: `Order Completed` (revenue, or
 * total when revenue is absent), `Session Started`/`Session Ended` (durationSeconds), `page`
 * calls, and identify traits. Any other event still moves recency.
 */
export function eventFactsOf(envelope: EventEnvelope): EventFacts {
  const userId = (envelope.userId ?? envelope.anonymousId) as string;
  const facts: EventFacts = {
    userId,
    eventTimeMs: Date.parse(envelope.timestamp),
    orders: 0,
    revenue: 0,
    sessions: 0,
    sessionSeconds: 0,
    pageViews: 0,
  };
  const properties = envelope.properties;
  if (envelope.type === 'page') facts.pageViews = 1;
  if (envelope.type === 'track') {
    switch (envelope.event) {
      case 'Order Completed':
        facts.orders = 1;
        facts.revenue = Math.max(0, finiteNumber(properties.revenue) ?? finiteNumber(properties.total) ?? 0);
        break;
      case 'Session Started':
        facts.sessions = 1;
        break;
      case 'Session Ended':
        facts.sessionSeconds = Math.max(0, finiteNumber(properties.durationSeconds) ?? 0);
        break;
      default:
        break;
    }
  }
  if (envelope.type === 'identify') {
    const createdAt = envelope.traits.createdAt;
    const parsed =
      typeof createdAt === 'string' ? Date.parse(createdAt) : typeof createdAt === 'number' ? createdAt : NaN;
    if (Number.isFinite(parsed)) facts.signedUpAtMs = parsed;
    facts.plan = shortString(envelope.traits.plan);
    facts.country = shortString(envelope.traits.country);
  }
  return facts;
}
