import { invalidInput } from '../ml-error';
import type { DenseMatrix } from '../matrix/dense-matrix';

/**
 * log(1 + x) on the listed columns. Behavioural features such as revenue, order counts and session time are
 * heavy-tailed: a few whales would otherwise own a k-means axis by themselves. log1p compresses the tail, keeps
 * 0 at 0 and is exactly invertible with expm1. Only defined for x > -1; the features it is meant for are
 * non-negative, so negative input is refused rather than silently producing NaN.
 */
export function log1pColumns(matrix: DenseMatrix, columns: readonly number[]): DenseMatrix {
  const values = Float64Array.from(matrix.values);
  for (const j of columns) {
    for (let i = 0; i < matrix.rows; i++) {
      const at = i * matrix.cols + j;
      const value = values[at]!;
      if (value < 0) {
        throw invalidInput(
          `column ${j} has ${value} at row ${i}; log1p scaling is for non-negative features (counts, amounts, durations): ` +
            'drop the column from the log1p list or shift it to be non-negative first',
        );
      }
      values[at] = Math.log1p(value);
    }
  }
  return { rows: matrix.rows, cols: matrix.cols, values };
}

/** Inverse of log1pColumns. */
export function expm1Columns(matrix: DenseMatrix, columns: readonly number[]): DenseMatrix {
  const values = Float64Array.from(matrix.values);
  for (const j of columns) {
    for (let i = 0; i < matrix.rows; i++)
      values[i * matrix.cols + j] = Math.expm1(values[i * matrix.cols + j]!);
  }
  return { rows: matrix.rows, cols: matrix.cols, values };
}
