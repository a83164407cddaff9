import fc from 'fast-check';
import { adjustedRandIndex } from './adjusted-rand-index';
import { gaussianBlobs } from './clustering-fixtures';
import { fitKMeans } from './k-means';
import { fitMiniBatchKMeans } from './mini-batch-k-means';
import { assignToNearest } from './nearest-centroid';

describe('fitMiniBatchKMeans', () => {
  it('never lets the full-data inertia of the returned model rise from one full pass to the next', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 20, max: 400 }),
          d: fc.integer({ min: 1, max: 5 }),
          k: fc.integer({ min: 1, max: 6 }),
          batchSize: fc.integer({ min: 1, max: 64 }),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        ({ n, d, k, batchSize, seed }) => {
          const { points } = gaussianBlobs({ n, d, centres: 4, seed, spread: 2, separation: 4 });
          const result = fitMiniBatchKMeans(points, { k, batchSize, seed, maxPasses: 8, tolerance: 0 });
          const trace = result.inertiaTrace;
          expect(trace).toHaveLength(result.passes.length + 1);
          for (let t = 1; t < trace.length; t++) expect(trace[t]!).toBeLessThanOrEqual(trace[t - 1]!);
          // The evaluation set is the whole population here, so the trace is the full-data inertia.
          expect(result.inertia).toBeCloseTo(trace[trace.length - 1]!, 9);
          const exact = assignToNearest(points, result.centroids);
          expect(Array.from(result.labels)).toEqual(Array.from(exact.labels));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gets within 1% of full k-means on planted blobs in a few passes', () => {
    const { points, truth } = gaussianBlobs({
      n: 20_000,
      d: 6,
      centres: 5,
      seed: 12,
      spread: 1.5,
      separation: 6,
    });
    const lloyd = fitKMeans(points, { k: 5, nInit: 3, seed: 1 });
    const miniBatch = fitMiniBatchKMeans(points, { k: 5, seed: 1, batchSize: 512, maxPasses: 5 });
    expect(miniBatch.inertia / lloyd.inertia).toBeLessThan(1.01);
    expect(adjustedRandIndex(truth, miniBatch.labels)).toBeGreaterThan(0.98);
    expect(miniBatch.passes.length).toBeLessThanOrEqual(5);
  });

  it('is reproducible from its seed', () => {
    const { points } = gaussianBlobs({ n: 2000, d: 3, centres: 4, seed: 5 });
    const a = fitMiniBatchKMeans(points, { k: 4, seed: 2, batchSize: 100 });
    const b = fitMiniBatchKMeans(points, { k: 4, seed: 2, batchSize: 100 });
    expect(b.centroids).toEqual(a.centroids);
    expect(b.passes).toEqual(a.passes);
  });
});
