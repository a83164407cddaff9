/**
 * RFM scoring (Hughes, "Strategic Database Marketing"): each of recency, frequency and monetary
 * is scored 1–5 by the population's quintiles (5 = best: most recent, most orders, most spend),
 * and the named tier comes from the usual R × F grid.
 */
export const rfmTiers = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new',
  'promising',
  'need-attention',
  'at-risk',
  'cannot-lose',
  'hibernating',
  'lost',
] as const;
export type RfmTier = (typeof rfmTiers)[number];

export const rfmTierDescriptions: Record<RfmTier, string> = {
  champions: 'Champions: bought recently, buy often and spend the most',
  loyal: 'Loyal: buy often, responsive to promotions',
  'potential-loyalists': 'Potential Loyalists: recent customers with average frequency',
  new: 'New: active very recently, have not bought often',
  promising: 'Promising: recent but infrequent',
  'need-attention': 'Need Attention: average recency and frequency',
  'at-risk': 'At Risk: bought often, but long ago',
  'cannot-lose': 'Cannot Lose: were the most frequent buyers, have not returned for a long time',
  hibernating: 'Hibernating: last active long ago, few orders',
  lost: 'Lost: lowest recency and frequency',
};

export type Score = 1 | 2 | 3 | 4 | 5;

/** The 20th, 40th, 60th and 80th percentiles (linear interpolation, as numpy's default). */
export type QuintileCuts = readonly [number, number, number, number];

export interface RfmCuts {
  recency: QuintileCuts;
  frequency: QuintileCuts;
  monetary: QuintileCuts;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function quintileCuts(values: readonly number[]): QuintileCuts {
  const sorted = [...values].sort((a, b) => a - b);
  return [quantile(sorted, 0.2), quantile(sorted, 0.4), quantile(sorted, 0.6), quantile(sorted, 0.8)];
}

export function rfmCutsOf(
  population: ReadonlyArray<{ recency: number; frequency: number; monetary: number }>,
): RfmCuts {
  return {
    recency: quintileCuts(population.map((p) => p.recency)),
    frequency: quintileCuts(population.map((p) => p.frequency)),
    monetary: quintileCuts(population.map((p) => p.monetary)),
  };
}

/**
 * A value equal to a cut point falls in the lower bin, (−∞, c1], (c1, c2], …, (c4, ∞): so the many
 * users with zero orders all score F 1, and users tied at the most recent time all score R 5.
 */
export function scoreHigherBetter(value: number, cuts: QuintileCuts): Score {
  return (1 + cuts.filter((cut) => value > cut).length) as Score;
}

/** Lower is better (recency in days): the bins above, counted from the top. */
export function scoreLowerBetter(value: number, cuts: QuintileCuts): Score {
  return (5 - cuts.filter((cut) => value > cut).length) as Score;
}

/**
 * The R × F grid. The classic grid also has "About to Sleep" (R 3, F 1–2); this tier list has no
 * such name, so those users are Hibernating, and the bottom corner (R 1, F 1–2) is Lost.
 */
export function tierOf(r: Score, f: Score): RfmTier {
  if (r === 5 && f >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f >= 2) return 'potential-loyalists';
  if (r === 5) return 'new';
  if (r === 4) return 'promising';
  if (r === 3 && f === 3) return 'need-attention';
  if (r === 3) return 'hibernating';
  if (f === 5) return 'cannot-lose';
  if (f >= 3) return 'at-risk';
  if (r === 2) return 'hibernating';
  return 'lost';
}

export interface RfmAssignment {
  r: Score;
  f: Score;
  m: Score;
  tier: RfmTier;
}

export function assignRfm(
  input: { recency: number; frequency: number; monetary: number },
  cuts: RfmCuts,
): RfmAssignment {
  const r = scoreLowerBetter(input.recency, cuts.recency);
  const f = scoreHigherBetter(input.frequency, cuts.frequency);
  const m = scoreHigherBetter(input.monetary, cuts.monetary);
  return { r, f, m, tier: tierOf(r, f) };
}
