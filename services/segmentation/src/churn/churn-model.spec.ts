import { dayMs, dayOf } from '../features/feature-math';
import {
  type ActivityHistory,
  ChurnScorer,
  likelyActive,
  pointInTimeFeatures,
  predictedChurners,
  trainChurn,
} from './churn-model';

const now = Date.parse('2026-11-30T12:00:00.000Z');

/** Page views every `every` days from `fromDaysAgo` down to `toDaysAgo`. */
function history(fromDaysAgo: number, toDaysAgo: number, every: number): ActivityHistory {
  const pageViewsByDay = new Map<number, number>();
  for (let d = fromDaysAgo; d >= toDaysAgo; d -= every) pageViewsByDay.set(dayOf(now - d * dayMs), 1);
  return {
    firstSeenAtMs: now - fromDaysAgo * dayMs,
    lastEventAtMs: now - toDaysAgo * dayMs,
    ordersByDay: new Map(),
    pageViewsByDay,
  };
}

const options = { windowDays: 30, horizonDays: 30, threshold: 0.5, testFraction: 0.25, seed: 3 };

describe('churn propensity', () => {
  it('rebuilds features as of a past day from the day buckets', () => {
    const h = history(100, 0, 10);
    const [recency, tenure, orders, pageViews, , pageViewsInWindow, activeDays] = pointInTimeFeatures(
      h,
      now - 30 * dayMs,
      30,
    )!;
    expect(recency).toBe(0);
    expect(tenure).toBe(70);
    expect(orders).toBe(0);
    expect(pageViews).toBe(8);
    expect(pageViewsInWindow).toBe(3);
    expect(activeDays).toBe(3);
    expect(pointInTimeFeatures(history(10, 0, 1), now - 30 * dayMs, 30)).toBeUndefined();
  });

  it('learns that fading users churn, and evaluates on a held-out split', () => {
    const histories: ActivityHistory[] = [];
    const groups: string[] = [];
    for (let i = 0; i < 12; i++) {
      histories.push(history(120 + i, 0, 3)); // active throughout
      groups.push('active');
      histories.push(history(120 + i, 40 + i, 3)); // stopped before the cut-off
      groups.push('fading');
      histories.push(history(220 + i, 150 + i, 5)); // long gone
      groups.push('gone');
    }
    const trained = trainChurn(histories, now, options);
    expect(trained.trainingSize).toBe(36);
    expect(trained.metrics.testSize).toBe(9);
    expect(trained.metrics.rocAuc).toBe(1);
    expect(trained.metrics.f1).toBe(1);
    const scorer = new ChurnScorer('churn-v1', trained.params);
    histories.forEach((h, i) =>
      expect(scorer.segmentOf(scorer.probability(h, now))).toBe(
        groups[i] === 'active' ? likelyActive : predictedChurners,
      ),
    );
  });

  it('refuses to train without both outcomes', () => {
    expect(() => trainChurn([history(100, 0, 1), history(90, 0, 1)], now, options)).toThrow(
      /at least 2 churned/,
    );
  });
});
