import fc from 'fast-check';
import { createRandom } from '../random/seeded-random';
import { adjustedRandIndex } from './adjusted-rand-index';

describe('adjustedRandIndex', () => {
  it('matches values computed by hand from the contingency table', () => {
    // [0,0,1,1] vs [0,0,1,2]: index 1, row pairs 2, column pairs 1, expected 2/6, max 1.5 -> (1 - 1/3) / (1.5 - 1/3).
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
    // Crossed halves: no agreeing pair, index 0, expected 2/3, max 2 -> -0.5.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex(['a', 'a', 'a'], [1, 1, 1])).toBe(1);
  });

  it('is 1 for identical partitions under any relabelling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 200 }),
        fc.integer(),
        (labels, seed) => {
          const random = createRandom(seed);
          const rename = new Map<number, string>();
          for (const label of labels) if (!rename.has(label)) rename.set(label, `segment-${random.next()}`);
          expect(
            adjustedRandIndex(
              labels,
              labels.map((label) => rename.get(label)!),
            ),
          ).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is about 0 for independent random partitions', () => {
    const random = createRandom(17);
    const n = 20_000;
    const first = Array.from({ length: n }, () => random.nextInt(5));
    const second = Array.from({ length: n }, () => random.nextInt(7));
    expect(Math.abs(adjustedRandIndex(first, second))).toBeLessThan(0.005);
  });
});
