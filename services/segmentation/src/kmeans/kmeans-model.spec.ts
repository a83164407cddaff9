import { adjustedRandIndex } from '@userops/ml';
import { KMeansAssigner, kmeansFeatureNames, trainKMeans } from './kmeans-model';

const names = kmeansFeatureNames(30);

/** Three planted behaviours with a little jitter. */
function population(seed: number, perGroup = 20) {
  let state = seed;
  const jitter = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 0.85 + 0.3 * (state / 2 ** 31);
  };
  const users: Array<{ features: Record<string, number>; group: number }> = [];
  for (let i = 0; i < perGroup; i++) {
    users.push({
      group: 0,
      features: {
        recencyDays: 1 * jitter(),
        orders: 8 * jitter(),
        revenue: 900 * jitter(),
        averageOrderValue: 110 * jitter(),
        sessions: 10 * jitter(),
        averageSessionSeconds: 200 * jitter(),
        pageViews: 30 * jitter(),
        orders30d: 4 * jitter(),
        pageViews30d: 20 * jitter(),
      },
    });
    users.push({
      group: 1,
      features: {
        recencyDays: 2 * jitter(),
        orders: 0,
        revenue: 0,
        averageOrderValue: 0,
        sessions: 15 * jitter(),
        averageSessionSeconds: 400 * jitter(),
        pageViews: 120 * jitter(),
        orders30d: 0,
        pageViews30d: 80 * jitter(),
      },
    });
    users.push({
      group: 2,
      features: {
        recencyDays: 150 * jitter(),
        orders: 1,
        revenue: 30 * jitter(),
        averageOrderValue: 30 * jitter(),
        sessions: 1,
        averageSessionSeconds: 60 * jitter(),
        pageViews: 3 * jitter(),
        orders30d: 0,
        pageViews30d: 0,
      },
    });
  }
  return users;
}

const options = { kMin: 2, kMax: 6, seed: 7, miniBatchAbove: 10_000 };

describe('k-means segments', () => {
  it('recovers planted behaviours, picks k = 3 and describes segments in business terms', () => {
    const users = population(1);
    const trained = trainKMeans(
      users.map((u) => u.features),
      names,
      undefined,
      options,
    );
    expect(trained.metrics.k).toBe(3);
    expect(trained.metrics.elbow.map((c) => c.k)).toEqual([2, 3, 4, 5, 6]);
    const assigner = new KMeansAssigner('kmeans-v1', trained.params);
    const labels = users.map((u) => assigner.assign(u.features));
    expect(
      adjustedRandIndex(
        users.map((u) => u.group),
        labels.map((l) => Number(l.split('-')[1])),
      ),
    ).toBeGreaterThanOrEqual(0.99);
    const spenders = trained.segments.find((s) => s.segmentId === labels[0])!;
    expect(spenders.description).toContain('high spend');
    expect(spenders.size).toBe(20);
    const lapsed = trained.segments.find((s) => s.segmentId === labels[2])!;
    expect(lapsed.description).toContain('lapsed');
    expect(lapsed.centroid.recencyDays).toBeGreaterThan(100);
  });

  it('keeps every segment id across a retrain on new data from the same behaviours', () => {
    const first = trainKMeans(
      population(1).map((u) => u.features),
      names,
      undefined,
      options,
    );
    const users = population(99);
    const second = trainKMeans(
      users.map((u) => u.features),
      names,
      first.params,
      { ...options, seed: 123 },
    );
    const before = new KMeansAssigner('v1', first.params);
    const after = new KMeansAssigner('v2', second.params);
    for (const user of users) expect(after.assign(user.features)).toBe(before.assign(user.features));
    expect(second.metrics.created).toEqual([]);
    expect(second.params.nextId).toBe(first.params.nextId);
  });
});
