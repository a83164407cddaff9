import fc from 'fast-check';
import {
  emptyAggregate,
  foldKeywords,
  foldText,
  foldTexts,
  sentimentSummaryOf,
  type TextObservation,
  topCounts,
} from './insight.aggregate';

const options = { alpha: 0.5, keywordCapacity: 100 };
const analysed = (sentiment: number, topics: string[] = [], keywords: string[] = []): TextObservation => ({
  status: 'analysed',
  sentiment,
  topics,
  keywords,
});

describe('insight aggregate', () => {
  it('keeps the mean, the EWMA (started at the first value) and the trend between them', () => {
    const aggregate = foldTexts([analysed(0.8), analysed(0.4), analysed(-0.6)], options);
    // EWMA with α = 0.5: 0.8 → 0.6 → 0.0; mean = 0.6 / 3 = 0.2; trend = 0 − 0.2.
    const summary = sentimentSummaryOf(aggregate);
    expect(summary.mean).toBeCloseTo(0.2, 10);
    expect(summary.ewma).toBeCloseTo(0, 10);
    expect(summary.trend).toBeCloseTo(-0.2, 10);
  });

  it('has no mean and a zero trend before the first analysed text, and counts rejections apart', () => {
    const aggregate = foldText(emptyAggregate(), { status: 'rejected' }, options);
    expect(aggregate).toMatchObject({ analysedTexts: 0, rejectedTexts: 1 });
    expect(sentimentSummaryOf(aggregate)).toEqual({ mean: null, ewma: null, trend: 0 });
  });

  it('counts each topic and keyword once per text', () => {
    const aggregate = foldTexts(
      [
        analysed(0, ['pricing', 'pricing'], ['refund', 'refund']),
        analysed(0, ['pricing', 'bug'], ['refund']),
      ],
      options,
    );
    expect(aggregate.topicCounts).toEqual({ pricing: 2, bug: 1 });
    expect(aggregate.keywordCounts).toEqual({ refund: 2 });
    expect(topCounts(aggregate.topicCounts, aggregate.analysedTexts, 5)).toEqual([
      { name: 'pricing', count: 2, share: 1 },
      { name: 'bug', count: 1, share: 0.5 },
    ]);
  });

  it('bounds keywords with Space-Saving: the newcomer inherits the evicted minimum + 1', () => {
    const counts = foldKeywords({ a: 3, b: 1, c: 1 }, ['d'], 3);
    // b and c tie on the minimum; the lexicographically larger (c) goes.
    expect(counts).toEqual({ a: 3, b: 1, d: 2 });
  });

  const observations = fc.array(
    fc.oneof(
      fc.record({
        status: fc.constant('analysed' as const),
        sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
        topics: fc.subarray(['pricing', 'bug', 'praise']),
        keywords: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 }),
      }),
      fc.constant({ status: 'rejected' as const }),
    ),
    { maxLength: 40 },
  );

  it('stays within [−1, 1] and equals a rebuild from the same texts (what deletion relies on)', () => {
    fc.assert(
      fc.property(observations, fc.double({ min: 0.01, max: 1, noNaN: true }), (texts, alpha) => {
        const fold = { alpha, keywordCapacity: 3 };
        let incremental = emptyAggregate();
        for (const text of texts) incremental = foldText(incremental, text, fold);
        expect(foldTexts(texts, fold)).toEqual(incremental);
        const summary = sentimentSummaryOf(incremental);
        if (summary.mean !== null) {
          expect(Math.abs(summary.mean)).toBeLessThanOrEqual(1 + 1e-9);
          expect(Math.abs(summary.ewma!)).toBeLessThanOrEqual(1 + 1e-9);
        }
        expect(Object.keys(incremental.keywordCounts).length).toBeLessThanOrEqual(3);
        expect(incremental.analysedTexts + incremental.rejectedTexts).toBe(texts.length);
      }),
    );
  });

  it('Space-Saving never undercounts a tracked keyword and keeps every term more frequent than n/capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 80 }),
        (stream) => {
          const capacity = 3;
          let counts: Record<string, number> = {};
          for (const term of stream) counts = foldKeywords(counts, [term], capacity);
          const truth: Record<string, number> = {};
          for (const term of stream) truth[term] = (truth[term] ?? 0) + 1;
          for (const [term, count] of Object.entries(counts))
            expect(count).toBeGreaterThanOrEqual(truth[term]!);
          for (const [term, count] of Object.entries(truth)) {
            if (count > stream.length / capacity) expect(counts).toHaveProperty(term);
          }
        },
      ),
    );
  });
});
