import {
  adjustedRandIndex,
  chooseK,
  createRandom,
  describeSegment,
  evaluateBinaryClassifier,
  LogisticRegression,
  matchSegmentIds,
  StandardScaler,
  stratifiedSplit,
  summarisePopulation,
  toRows,
} from './index';

/** Users with three planted behaviours, in original units: recencyDays, orders90d, revenue90d. */
function plantedUsers(n: number, seed: number): { features: number[][]; behaviour: number[] } {
  const random = createRandom(seed);
  const features: number[][] = [];
  const behaviour: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const noise = () => Math.exp(random.nextGaussian() * 0.25);
    if (kind === 0) features.push([2 * noise(), 12 * noise(), 900 * noise()]);
    else if (kind === 1) features.push([20 * noise(), 3 * noise(), 60 * noise()]);
    else features.push([80 * noise(), 0.5 * noise(), 5 * noise()]);
    behaviour.push(kind);
  }
  return { features, behaviour };
}

describe('@userops/ml through index.ts, its only door', () => {
  it('segments planted users, describes them, keeps ids across a retrain, and scores churn', () => {
    const { features, behaviour } = plantedUsers(1500, 1);
    const names = ['recencyDays', 'orders90d', 'revenue90d'];
    const scaler = StandardScaler.fit(features, { log1pColumns: [0, 1, 2], featureNames: names });
    const scaled = scaler.transform(features);

    const choice = chooseK(scaled, { kMin: 2, kMax: 6, seed: 7 });
    expect(choice.k).toBe(3);
    expect(adjustedRandIndex(behaviour, choice.model.labels)).toBeGreaterThan(0.99);

    const population = summarisePopulation(features, names);
    const vocabulary = {
      recencyDays: { low: 'recent', high: 'lapsed' },
      orders90d: { high: 'frequent', low: 'rare' },
      revenue90d: { high: 'high spend', low: 'low spend' },
    };
    const centroids = toRows(scaler.inverseTransform(choice.model.centroids));
    const phrases = centroids
      .map((centroid) => describeSegment(centroid, population, { vocabulary }).phrase)
      .sort();
    expect(phrases).toEqual(['high spend, frequent, recent', 'lapsed, rare, low spend', 'typical users']);

    const previous = choice.model.centroids.map((centroid, index) => ({ id: 10 + index, centroid }));
    const retrained = chooseK(scaled, { kMin: 3, kMax: 3, seed: 99 });
    const { ids } = matchSegmentIds(previous, retrained.model.centroids);
    const stableLabels = Array.from(retrained.model.labels, (label) => ids[label]!);
    const firstLabels = Array.from(choice.model.labels, (label) => 10 + label);
    expect(stableLabels.filter((id, i) => id !== firstLabels[i])).toHaveLength(0);

    const churned = behaviour.map((kind) => (kind === 2 ? 1 : 0));
    const { train, test } = stratifiedSplit(churned, { seed: 3 });
    const rows = toRows(scaled);
    const model = LogisticRegression.fit(
      Array.from(train, (i) => rows[i]!),
      Array.from(train, (i) => churned[i]!),
    );
    const report = evaluateBinaryClassifier(
      Array.from(test, (i) => churned[i]!),
      model.predictProba(Array.from(test, (i) => rows[i]!)),
    );
    expect(report.rocAuc).toBeGreaterThan(0.99);
  });
});
