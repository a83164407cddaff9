import { invalidInput } from '../ml-error';

/**
 * Solves A x = b for a symmetric positive-definite A (row-major, size x size) by Cholesky factorisation
 * A = L L^T and two triangular solves. If A is only semi-definite in floating point (a feature that never varies,
 * a perfectly separated class), a growing multiple of the identity is added until the factorisation succeeds:
 * the Levenberg–Marquardt fix, which turns the Newton step into a slightly damped one instead of failing.
 */
export function choleskySolve(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  let jitter = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const factor = cholesky(matrix, size, jitter);
    if (factor !== undefined) return solveWithFactor(factor, rhs, size);
    jitter = jitter === 0 ? 1e-10 * (1 + maxDiagonal(matrix, size)) : jitter * 10;
  }
  throw invalidInput(
    `matrix is not positive definite even with ${jitter} added to its diagonal; check the features for NaN or huge values`,
  );
}

function cholesky(matrix: Float64Array, size: number, jitter: number): Float64Array | undefined {
  const lower = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j]! + (i === j ? jitter : 0);
      for (let p = 0; p < j; p++) sum -= lower[i * size + p]! * lower[j * size + p]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        lower[i * size + i] = Math.sqrt(sum);
      } else {
        lower[i * size + j] = sum / lower[j * size + j]!;
      }
    }
  }
  return lower;
}

function solveWithFactor(lower: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i]!;
    for (let p = 0; p < i; p++) sum -= lower[i * size + p]! * y[p]!;
    y[i] = sum / lower[i * size + i]!;
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let p = i + 1; p < size; p++) sum -= lower[p * size + i]! * x[p]!;
    x[i] = sum / lower[i * size + i]!;
  }
  return x;
}

function maxDiagonal(matrix: Float64Array, size: number): number {
  let max = 0;
  for (let i = 0; i < size; i++) max = Math.max(max, Math.abs(matrix[i * size + i]!));
  return max;
}
