import { BanditError } from '../bandit.errors';

/**
 * Cholesky factor L (lower triangular, row-major) with L Lᵀ = matrix. Throws when the matrix is
 * not symmetric positive definite, which for a bandit's A = λI + Σ x xᵀ means λ ≤ 0 or a
 * corrupt state.
 */
export function choleskyLower(
  matrix: Float64Array,
  dimension: number,
  out = new Float64Array(dimension * dimension),
): Float64Array {
  out.fill(0);
  for (let row = 0; row < dimension; row++) {
    for (let col = 0; col <= row; col++) {
      let sum = matrix[row * dimension + col]!;
      for (let k = 0; k < col; k++) sum -= out[row * dimension + k]! * out[col * dimension + k]!;
      if (row === col) {
        if (!(sum > 0)) {
          throw new BanditError(
            'NOT_POSITIVE_DEFINITE',
            `matrix is not positive definite (pivot ${row} is ${sum}); use a ridge lambda > 0 and restore the policy from a valid state`,
          );
        }
        out[row * dimension + row] = Math.sqrt(sum);
      } else {
        out[row * dimension + col] = sum / out[col * dimension + col]!;
      }
    }
  }
  return out;
}

/** Solves Lᵀ y = z by back substitution, L lower triangular from choleskyLower. */
export function solveTransposedLower(
  lower: Float64Array,
  z: ArrayLike<number>,
  dimension: number,
  out: Float64Array,
): Float64Array {
  for (let row = dimension - 1; row >= 0; row--) {
    let sum = z[row]!;
    // Lᵀ[row][k] = L[k][row]
    for (let k = row + 1; k < dimension; k++) sum -= lower[k * dimension + row]! * out[k]!;
    out[row] = sum / lower[row * dimension + row]!;
  }
  return out;
}

/**
 * Gauss–Jordan inversion with partial pivoting, O(d³). The batch reference against which the
 * incremental Sherman–Morrison inverse is checked, and the way to rebuild A⁻¹ from A exactly.
 */
export function invertGaussJordan(matrix: Float64Array, dimension: number): Float64Array {
  const width = 2 * dimension;
  const work = new Float64Array(dimension * width);
  for (let row = 0; row < dimension; row++) {
    for (let col = 0; col < dimension; col++) work[row * width + col] = matrix[row * dimension + col]!;
    work[row * width + dimension + row] = 1;
  }
  for (let pivotCol = 0; pivotCol < dimension; pivotCol++) {
    let pivotRow = pivotCol;
    for (let row = pivotCol + 1; row < dimension; row++) {
      if (Math.abs(work[row * width + pivotCol]!) > Math.abs(work[pivotRow * width + pivotCol]!))
        pivotRow = row;
    }
    const pivot = work[pivotRow * width + pivotCol]!;
    if (pivot === 0 || !Number.isFinite(pivot)) {
      throw new BanditError(
        'NOT_POSITIVE_DEFINITE',
        `matrix is singular at column ${pivotCol}; it cannot be inverted`,
      );
    }
    if (pivotRow !== pivotCol) {
      for (let col = 0; col < width; col++) {
        const held = work[pivotCol * width + col]!;
        work[pivotCol * width + col] = work[pivotRow * width + col]!;
        work[pivotRow * width + col] = held;
      }
    }
    for (let col = 0; col < width; col++) work[pivotCol * width + col]! /= pivot;
    for (let row = 0; row < dimension; row++) {
      if (row === pivotCol) continue;
      const factor = work[row * width + pivotCol]!;
      if (factor === 0) continue;
      for (let col = 0; col < width; col++)
        work[row * width + col]! -= factor * work[pivotCol * width + col]!;
    }
  }
  const inverse = new Float64Array(dimension * dimension);
  for (let row = 0; row < dimension; row++) {
    for (let col = 0; col < dimension; col++)
      inverse[row * dimension + col] = work[row * width + dimension + col]!;
  }
  return inverse;
}
