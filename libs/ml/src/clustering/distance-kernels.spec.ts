import fc from 'fast-check';
import { createRandom } from '../random/seeded-random';
import { distanceKernels } from './distance-kernels';

function naiveSquared(a: Float64Array, i: number, b: Float64Array, c: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += (a[i * d + j]! - b[c * d + j]!) ** 2;
  return sum;
}

describe('distance kernels', () => {
  // 3 and 32 dimensions use the generated, unrolled code; 33 and 40 the generic loops.
  it.each([1, 3, 32, 33, 40])('agree with a plain loop in %i dimensions', (d) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1_000_000 }), (k, seed) => {
        const random = createRandom(seed);
        const points = Float64Array.from({ length: 4 * d }, () => random.nextGaussian() * 5);
        const centroids = Float64Array.from({ length: k * d }, () => random.nextGaussian() * 5);
        const kernels = distanceKernels(d);
        const out = new Float64Array(3);
        for (let i = 0; i < 4; i++) {
          const distances = Array.from({ length: k }, (_, c) => naiveSquared(points, i, centroids, c, d));
          const sorted = [...distances].sort((a, b) => a - b);
          expect(kernels.squaredDistance(points, i, centroids, 0)).toBeCloseTo(distances[0]!, 9);
          kernels.nearestTwo(points, i, centroids, k, out);
          expect(out[0]).toBeCloseTo(sorted[0]!, 9);
          if (k > 1) expect(out[1]).toBeCloseTo(sorted[1]!, 9);
          else expect(out[1]).toBe(Infinity);
          expect(out[2]).toBe(distances.indexOf(sorted[0]!));

          const label = (i + seed) % k;
          const centreDistances = new Float64Array(k * k);
          const neighbours = new Int32Array(k * (k - 1));
          for (let a = 0; a < k; a++) {
            for (let b = 0; b < k; b++)
              centreDistances[a * k + b] = Math.sqrt(naiveSquared(centroids, a, centroids, b, d));
            const others = Array.from({ length: k }, (_, b) => b).filter((b) => b !== a);
            others.sort((x, y) => centreDistances[a * k + x]! - centreDistances[a * k + y]!);
            neighbours.set(others, a * (k - 1));
          }
          kernels.boundedNearest(points, i, centroids, label, -1, neighbours, centreDistances, k, out);
          expect(out[0]).toBeCloseTo(Math.sqrt(sorted[0]!), 9);
          if (k > 1) expect(out[1]).toBeCloseTo(Math.sqrt(sorted[1]!), 9);
          expect(out[2]).toBe(distances.indexOf(sorted[0]!));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('skips the scan when the tightened distance is within the bound', () => {
    const { boundedNearest } = distanceKernels(2);
    const out = new Float64Array(3);
    boundedNearest(
      Float64Array.from([3, 4]),
      0,
      Float64Array.from([0, 0, 100, 100]),
      0,
      5,
      Int32Array.from([1, 0]),
      Float64Array.from([0, 141, 141, 0]),
      2,
      out,
    );
    expect(Array.from(out)).toEqual([5, -1, 0]);
  });

  it('refuses a dimension that is not a positive integer', () => {
    expect(() => distanceKernels(1.5)).toThrow('dimension must be a positive integer, got 1.5');
  });
});
