export type RewardAggregation = 'sum' | 'earliest';

/** What a decision accumulated while its window was open. */
export interface JoinedRewards {
  count: number;
  total: number;
  /** Reward of the first event joined (in commit order), null when none. */
  first: number | null;
}

/**
 * The one reward the policy learns from when the window closes: the default when nothing arrived,
 * otherwise the sum of all joined rewards or the earliest one (Personalizer's two aggregations).
 */
export function finalReward(
  aggregation: RewardAggregation,
  joined: JoinedRewards,
  defaultReward: number,
): number {
  if (joined.count === 0) return defaultReward;
  return aggregation === 'sum' ? joined.total : (joined.first ?? defaultReward);
}

/** The reward carried by a track event: `properties.reward` when a finite number, else 1. */
export function rewardOf(properties: Record<string, unknown> | undefined): number {
  const value = properties?.reward;
  return typeof value === 'number' && Number.isFinite(value) ? value : 1;
}
