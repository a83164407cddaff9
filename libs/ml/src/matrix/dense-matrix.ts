import { invalidInput } from '../ml-error';

/**
 * Row-major matrix of float64 values. The algorithms in libs/ml run on this layout because one contiguous
 * Float64Array is several times faster to scan in V8 than an array of arrays, and keeps float64 precision.
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/** What the public functions accept: plain rows (`number[][]`) or an already dense matrix. */
export type Points = DenseMatrix | ReadonlyArray<ArrayLike<number>>;

export function isDenseMatrix(points: Points): points is DenseMatrix {
  return !Array.isArray(points) && (points as DenseMatrix).values instanceof Float64Array;
}

export function denseMatrix(rows: number, cols: number, values = new Float64Array(rows * cols)): DenseMatrix {
  if (values.length !== rows * cols) {
    throw invalidInput(`a ${rows} x ${cols} matrix needs ${rows * cols} values, got ${values.length}`);
  }
  return { rows, cols, values };
}

/**
 * Converts and validates: at least one row, every row the same width, every value finite. `what` names the
 * argument in error messages ("points", "centroids").
 */
export function toDenseMatrix(points: Points, what = 'points'): DenseMatrix {
  if (isDenseMatrix(points)) {
    if (points.rows < 1 || points.cols < 1)
      throw invalidInput(`${what} must hold at least one row and one column`);
    const firstBad = points.values.findIndex((value) => !Number.isFinite(value));
    if (firstBad >= 0) {
      const row = Math.floor(firstBad / points.cols);
      throw invalidInput(
        `${what}[${row}][${firstBad % points.cols}] is not a finite number; impute or drop it first`,
      );
    }
    return points;
  }
  const rows = points.length;
  const first = points[0];
  if (rows === 0 || first === undefined || first.length === 0) {
    throw invalidInput(`${what} must hold at least one row and one column, got ${rows} rows`);
  }
  const cols = first.length;
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = points[i]!;
    if (row.length !== cols) {
      throw invalidInput(
        `${what}[${i}] has ${row.length} values but ${what}[0] has ${cols}; every row needs the same features`,
      );
    }
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const value = row[j]!;
      if (!Number.isFinite(value)) {
        throw invalidInput(
          `${what}[${i}][${j}] is ${String(value)}, not a finite number; impute or drop it first`,
        );
      }
      values[offset + j] = value;
    }
  }
  return { rows, cols, values };
}

export function toRows(matrix: DenseMatrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < matrix.rows; i++)
    rows.push(Array.from(matrix.values.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
  return rows;
}

/** Copies the listed rows into a new matrix (samples, splits, mini-batches). */
export function selectRows(matrix: DenseMatrix, indices: ArrayLike<number>): DenseMatrix {
  const { cols } = matrix;
  const values = new Float64Array(indices.length * cols);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r]! * cols;
    values.set(matrix.values.subarray(from, from + cols), r * cols);
  }
  return { rows: indices.length, cols, values };
}

export function squaredEuclidean(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  cols: number,
): number {
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const diff = a[aOffset + j]! - b[bOffset + j]!;
    sum += diff * diff;
  }
  return sum;
}
