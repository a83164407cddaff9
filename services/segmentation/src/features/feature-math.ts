/** Milliseconds per day; day buckets are UTC days since the epoch. */
export const dayMs = 86_400_000;

export const dayOf = (timeMs: number): number => Math.floor(timeMs / dayMs);

/** The raw counters one user holds in Redis (see live-feature.store.ts). */
export interface RawUserState {
  firstSeenAtMs: number;
  lastEventAtMs: number;
  orders: number;
  revenue: number;
  sessions: number;
  sessionSeconds: number;
  pageViews: number;
  /** Sum and count of the sentiment scores of the user's analysed texts (insight.v1). */
  sentimentSum: number;
  sentimentCount: number;
  signedUpAtMs?: number;
  /** Orders and page views per event-time day (late events land in their own day). */
  ordersByDay: ReadonlyMap<number, number>;
  pageViewsByDay: ReadonlyMap<number, number>;
}

export interface FeatureOptions {
  /** Rolling window length in days (e.g. 30 for orders30d). */
  windowDays: number;
}

/** Numeric features in original units; the keys are the ones profiles.v1 and the APIs carry. */
export type UserFeatures = Record<string, number>;

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Sum of the buckets of the window (nowDay − windowDays, nowDay], i.e. the last windowDays days. */
export function windowCount(byDay: ReadonlyMap<number, number>, nowDay: number, windowDays: number): number {
  let total = 0;
  for (const [day, count] of byDay) if (day > nowDay - windowDays && day <= nowDay) total += count;
  return total;
}

/**
 * Features of one user measured at `nowMs` (the latest event time seen, or the wall clock).
 * Durations never go negative: a clock behind an event counts as zero days.
 */
export function computeFeatures(state: RawUserState, nowMs: number, options: FeatureOptions): UserFeatures {
  const days = (fromMs: number) => round(Math.max(0, nowMs - fromMs) / dayMs);
  const nowDay = dayOf(nowMs);
  const features: UserFeatures = {
    recencyDays: days(state.lastEventAtMs),
    daysSinceFirstSeen: days(state.firstSeenAtMs),
    orders: state.orders,
    revenue: round(state.revenue, 2),
    averageOrderValue: state.orders > 0 ? round(state.revenue / state.orders, 2) : 0,
    sessions: state.sessions,
    sessionSeconds: round(state.sessionSeconds, 2),
    averageSessionSeconds: state.sessions > 0 ? round(state.sessionSeconds / state.sessions, 2) : 0,
    pageViews: state.pageViews,
    [`orders${options.windowDays}d`]: windowCount(state.ordersByDay, nowDay, options.windowDays),
    [`pageViews${options.windowDays}d`]: windowCount(state.pageViewsByDay, nowDay, options.windowDays),
  };
  if (state.signedUpAtMs !== undefined) features.daysSinceSignup = days(state.signedUpAtMs);
  // Absent, not 0, for users who wrote nothing: 0 would claim a neutral mood nobody measured.
  if (state.sentimentCount > 0) {
    features.averageSentiment = round(state.sentimentSum / state.sentimentCount);
    features.sentimentCount = state.sentimentCount;
  }
  return features;
}
