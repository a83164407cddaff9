/**
 * Rolling insight aggregates of a user or a segment, as a pure fold over analysed texts in the
 * order they were processed. Because it is a fold, the stored aggregate can always be rebuilt
 * from the stored per-text results (after a user's deletion), and the rebuild equals what the
 * incremental updates would have produced.
 */

/** What one text contributes to an aggregate. */
export type TextObservation =
  | { status: 'analysed'; sentiment: number; topics: readonly string[]; keywords: readonly string[] }
  | { status: 'rejected' };

export interface InsightAggregate {
  analysedTexts: number;
  rejectedTexts: number;
  sentimentSum: number;
  /** Exponentially weighted moving average of sentiment; null before the first analysed text. */
  sentimentEwma: number | null;
  /** Texts assigned each topic label. */
  topicCounts: Record<string, number>;
  /** Approximate texts per keyword, bounded by Space-Saving (see foldKeywords). */
  keywordCounts: Record<string, number>;
}

export interface FoldOptions {
  /** EWMA weight of the newest text, in (0, 1]. */
  alpha: number;
  /** Most keywords tracked per aggregate. */
  keywordCapacity: number;
}

export const defaultKeywordCapacity = 100;

export function emptyAggregate(): InsightAggregate {
  return {
    analysedTexts: 0,
    rejectedTexts: 0,
    sentimentSum: 0,
    sentimentEwma: null,
    topicCounts: {},
    keywordCounts: {},
  };
}

export function foldText(
  aggregate: InsightAggregate,
  observation: TextObservation,
  options: FoldOptions,
): InsightAggregate {
  if (observation.status === 'rejected') return { ...aggregate, rejectedTexts: aggregate.rejectedTexts + 1 };
  const { sentiment } = observation;
  const topicCounts = { ...aggregate.topicCounts };
  for (const label of new Set(observation.topics)) topicCounts[label] = (topicCounts[label] ?? 0) + 1;
  return {
    analysedTexts: aggregate.analysedTexts + 1,
    rejectedTexts: aggregate.rejectedTexts,
    sentimentSum: aggregate.sentimentSum + sentiment,
    // EWMA (Roberts 1959): s_n = α·x_n + (1 − α)·s_{n−1}, started at the first value so that it
    // is not biased towards zero while a subject has written little.
    sentimentEwma:
      aggregate.sentimentEwma === null
        ? sentiment
        : options.alpha * sentiment + (1 - options.alpha) * aggregate.sentimentEwma,
    topicCounts,
    keywordCounts: foldKeywords(aggregate.keywordCounts, observation.keywords, options.keywordCapacity),
  };
}

export function foldTexts(
  observations: Iterable<TextObservation>,
  options: FoldOptions,
  start: InsightAggregate = emptyAggregate(),
): InsightAggregate {
  let aggregate = start;
  for (const observation of observations) aggregate = foldText(aggregate, observation, options);
  return aggregate;
}

/**
 * Space-Saving (Metwally, Agrawal & El Abbadi, ICDT 2005): at most `capacity` counters; an unseen
 * term replaces the smallest counter and inherits its count + 1. Every term whose true count
 * exceeds n/capacity is kept, and counts overestimate by at most the evicted minimum. Keeps the
 * stored row small however many distinct words a segment writes. Ties on the minimum evict the
 * lexicographically largest term, so a fold is deterministic.
 */
export function foldKeywords(
  counts: Readonly<Record<string, number>>,
  keywords: readonly string[],
  capacity: number,
): Record<string, number> {
  const next = { ...counts };
  for (const term of new Set(keywords)) {
    if (term in next) {
      next[term]! += 1;
      continue;
    }
    const terms = Object.keys(next);
    if (terms.length < capacity) {
      next[term] = 1;
      continue;
    }
    let victim: string | undefined;
    for (const candidate of terms) {
      if (
        victim === undefined ||
        next[candidate]! < next[victim]! ||
        (next[candidate] === next[victim] && candidate > victim)
      ) {
        victim = candidate;
      }
    }
    if (victim === undefined) continue; // capacity 0: nothing is tracked
    const inherited = next[victim]!;
    delete next[victim];
    next[term] = inherited + 1;
  }
  return next;
}

export interface SentimentSummary {
  /** Mean sentiment of every analysed text; null before the first. */
  mean: number | null;
  ewma: number | null;
  /**
   * EWMA minus the all-time mean: below zero the recent texts are more negative than the
   * subject's usual, above zero more positive. Zero until there are two texts.
   */
  trend: number;
}

export function sentimentSummaryOf(aggregate: InsightAggregate): SentimentSummary {
  if (aggregate.analysedTexts === 0 || aggregate.sentimentEwma === null)
    return { mean: null, ewma: null, trend: 0 };
  const mean = aggregate.sentimentSum / aggregate.analysedTexts;
  return { mean, ewma: aggregate.sentimentEwma, trend: aggregate.sentimentEwma - mean };
}

export interface RankedCount {
  name: string;
  count: number;
  /** count / analysed texts. */
  share: number;
}

/** The largest counts first (ties by name), with each one's share of the analysed texts. */
export function topCounts(
  counts: Readonly<Record<string, number>>,
  total: number,
  limit: number,
): RankedCount[] {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([name, count]) => ({ name, count, share: total > 0 ? count / total : 0 }));
}
