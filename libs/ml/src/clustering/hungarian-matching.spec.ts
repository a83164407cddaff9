import fc from 'fast-check';
import { solveAssignment } from './hungarian-matching';
import { matchSegmentIds } from './stable-segment-ids';

/** Minimum assignment cost by trying every injection of rows into columns (tiny sizes only). */
function bruteForceCost(cost: number[][]): number {
  const rows = cost.length;
  const columns = cost[0]!.length;
  const tall = rows > columns;
  const [outer, inner] = tall ? [columns, rows] : [rows, columns];
  const at = (o: number, i: number) => (tall ? cost[i]![o]! : cost[o]![i]!);
  const usedInner = new Array<boolean>(inner).fill(false);
  const search = (o: number): number => {
    if (o === outer) return 0;
    let best = Infinity;
    for (let i = 0; i < inner; i++) {
      if (usedInner[i]) continue;
      usedInner[i] = true;
      best = Math.min(best, at(o, i) + search(o + 1));
      usedInner[i] = false;
    }
    return best;
  };
  return search(0);
}

const costMatrix = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

describe('solveAssignment (Kuhn–Munkres)', () => {
  it('solves a textbook instance', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    const solution = solveAssignment(cost);
    expect(Array.from(solution.rowToColumn)).toEqual([1, 0, 2]);
    expect(solution.totalCost).toBe(5);
  });

  it('returns a permutation (an injection when rectangular) with the minimum total cost', () => {
    fc.assert(
      fc.property(costMatrix, (cost) => {
        const { rowToColumn, columnToRow, totalCost } = solveAssignment(cost);
        const rows = cost.length;
        const columns = cost[0]!.length;
        const assigned = Array.from(rowToColumn).filter((column) => column >= 0);
        expect(assigned).toHaveLength(Math.min(rows, columns));
        expect(new Set(assigned).size).toBe(assigned.length);
        rowToColumn.forEach((column, row) => {
          if (column >= 0) expect(columnToRow[column]).toBe(row);
        });
        expect(totalCost).toBe(bruteForceCost(cost));
      }),
      { numRuns: 300 },
    );
  });
});

describe('matchSegmentIds', () => {
  const random = (seed: number) => {
    let state = seed >>> 0;
    return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  };

  it('recovers a shuffled relabelling exactly, even with retraining noise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (k, d, seed) => {
          const next = random(seed);
          const previous = Array.from({ length: k }, (_, c) => ({
            id: 100 + c * 3,
            centroid: Array.from({ length: d }, () => next() * 100),
          }));
          const permutation = previous.map((_, c) => c);
          for (let i = k - 1; i > 0; i--) {
            const j = Math.floor(next() * (i + 1));
            [permutation[i], permutation[j]] = [permutation[j]!, permutation[i]!];
          }
          // A retrained model finds the same segments in a different order, each moved a little: by less than
          // 2 minSeparation / (k + 2) in all, below which no other matching can cost less than the true one.
          let minSeparation = Infinity;
          for (const a of previous) {
            for (const b of previous) {
              if (a === b) continue;
              minSeparation = Math.min(
                minSeparation,
                Math.hypot(...a.centroid.map((value, j) => value - b.centroid[j]!)),
              );
            }
          }
          const jitter = k === 1 ? 1 : minSeparation / ((k + 2) * Math.sqrt(d));
          const retrained = permutation.map((c) =>
            previous[c]!.centroid.map((value) => value + (next() - 0.5) * jitter),
          );
          const result = matchSegmentIds(previous, retrained);
          expect(result.ids).toEqual(permutation.map((c) => previous[c]!.id));
          expect(new Set(result.ids).size).toBe(k);
          expect(result.created).toEqual([]);
          expect(result.retired).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mints fresh ids for extra clusters when k grows and retires ids when it shrinks', () => {
    const previous = [
      { id: 0, centroid: [0, 0] },
      { id: 1, centroid: [10, 0] },
      { id: 4, centroid: [0, 10] },
    ];
    const grown = matchSegmentIds(previous, [
      [10, 1],
      [5, 5],
      [0, 9],
      [1, 0],
    ]);
    expect(grown.ids).toEqual([1, 5, 4, 0]);
    expect(grown.created).toEqual([5]);
    expect(grown.retired).toEqual([]);
    expect(grown.nextId).toBe(6);

    const shrunk = matchSegmentIds(
      previous,
      [
        [0, 11],
        [9, 0],
      ],
      { nextId: 9 },
    );
    expect(shrunk.ids).toEqual([4, 1]);
    expect(shrunk.retired).toEqual([0]);
    expect(shrunk.nextId).toBe(9);
  });

  it('treats a match farther than maxDistance as a new segment', () => {
    const result = matchSegmentIds([{ id: 7, centroid: [0, 0] }], [[30, 40]], { maxDistance: 10, nextId: 8 });
    expect(result.matches).toEqual([{ index: 0, id: 8, previousId: undefined, distance: undefined }]);
    expect(result.retired).toEqual([7]);
  });

  it('refuses ids that could collide', () => {
    expect(() => matchSegmentIds([{ id: 3, centroid: [0] }], [[1], [2]], { nextId: 2 })).toThrow(
      'nextId 2 would collide',
    );
  });
});
