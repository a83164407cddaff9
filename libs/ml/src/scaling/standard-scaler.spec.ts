import fc from 'fast-check';
import { toRows } from '../matrix/dense-matrix';
import { MlError } from '../ml-error';
import { expm1Columns, log1pColumns } from './log1p-transform';
import { StandardScaler } from './standard-scaler';

const rows = [
  [0, 10, 5],
  [9, 20, 5],
  [99, 30, 5],
  [999, 40, 5],
];

describe('log1p transform', () => {
  it('compresses only the listed columns and inverts exactly', () => {
    const matrix = { rows: 2, cols: 2, values: Float64Array.from([0, 3, Math.E - 1, 4]) };
    const logged = log1pColumns(matrix, [0]);
    expect(Array.from(logged.values)).toEqual([0, 3, 1, 4]);
    expect(Array.from(expm1Columns(logged, [0]).values)).toEqual([0, 3, Math.E - 1, 4]);
  });

  it('refuses negative values with the row and column', () => {
    const matrix = { rows: 2, cols: 1, values: Float64Array.from([1, -2]) };
    expect(() => log1pColumns(matrix, [0])).toThrow('column 0 has -2 at row 1');
  });
});

describe('StandardScaler', () => {
  it('centres and scales each column to mean 0 and population std 1, after log1p where asked', () => {
    const scaler = StandardScaler.fit(rows, {
      log1pColumns: [0],
      featureNames: ['revenue', 'sessions', 'plan'],
    });
    const logRevenue = [0, 9, 99, 999].map(Math.log1p);
    const mean = logRevenue.reduce((a, b) => a + b) / 4;
    expect(scaler.means[0]).toBeCloseTo(mean, 12);
    expect(scaler.means[1]).toBe(25);
    expect(scaler.scales[1]).toBeCloseTo(Math.sqrt(125), 12);
    expect(scaler.scales[2]).toBe(1);

    const scaled = toRows(scaler.transform(rows));
    expect(scaled.map((row) => row[1])).toEqual([-15, -5, 5, 15].map((x) => x / Math.sqrt(125)));
    expect(scaled.map((row) => row[2])).toEqual([0, 0, 0, 0]);
    const column0 = scaled.map((row) => row[0]!);
    expect(column0.reduce((a, b) => a + b)).toBeCloseTo(0, 12);
    expect(column0.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 12);
  });

  it('inverts back to original units for any fitted data', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1e6, noNaN: true }),
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          ),
          {
            minLength: 2,
            maxLength: 30,
          },
        ),
        (pairs) => {
          const data = pairs.map(([a, b]) => [a, b]);
          const scaler = StandardScaler.fit(data, { log1pColumns: [0] });
          const back = toRows(scaler.inverseTransform(scaler.transform(data)));
          back.forEach((row, i) => {
            expect(row[0]).toBeCloseTo(data[i]![0]!, 4);
            expect(row[1]).toBeCloseTo(data[i]![1]!, 8);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives a JSON round trip and transforms identically afterwards', () => {
    const scaler = StandardScaler.fit(rows, {
      log1pColumns: [0],
      featureNames: ['revenue', 'sessions', 'plan'],
    });
    const restored = StandardScaler.fromJSON(JSON.parse(JSON.stringify(scaler)));
    expect(restored.toJSON()).toEqual(scaler.toJSON());
    expect(restored.featureNames).toEqual(['revenue', 'sessions', 'plan']);
    expect(restored.transformRow([50, 25, 5])).toEqual(scaler.transformRow([50, 25, 5]));
  });

  it('refuses a stored value that is not a scaler, and rows of the wrong width', () => {
    expect(() =>
      StandardScaler.fromJSON({
        kind: 'standard-scaler',
        version: 1,
        means: [0],
        scales: [0],
        log1pColumns: [],
      }),
    ).toThrow(MlError);
    const scaler = StandardScaler.fit(rows);
    expect(() => scaler.transform([[1, 2]])).toThrow('the scaler was fitted on 3 features but got 2');
  });
});
