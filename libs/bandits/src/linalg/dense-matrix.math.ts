/**
 * Square matrices are row-major Float64Arrays of length d*d: allocation-free loops over typed
 * arrays are several times faster than arrays of arrays for the d ≈ 10–50 that bandits use.
 */
export type Vector = Float64Array | readonly number[];

export function scaledIdentity(dimension: number, scale: number): Float64Array {
  const matrix = new Float64Array(dimension * dimension);
  for (let i = 0; i < dimension; i++) matrix[i * dimension + i] = scale;
  return matrix;
}

export function dot(a: Vector, b: Vector, dimension: number): number {
  let sum = 0;
  for (let i = 0; i < dimension; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** out = matrix · vector. */
export function multiplyMatrixVector(
  matrix: Float64Array,
  vector: Vector,
  dimension: number,
  out: Float64Array,
): Float64Array {
  for (let row = 0; row < dimension; row++) {
    let sum = 0;
    const offset = row * dimension;
    for (let col = 0; col < dimension; col++) sum += matrix[offset + col]! * vector[col]!;
    out[row] = sum;
  }
  return out;
}

/** xᵀ M x. */
export function quadraticForm(matrix: Float64Array, x: Vector, dimension: number): number {
  let sum = 0;
  for (let row = 0; row < dimension; row++) {
    let rowSum = 0;
    const offset = row * dimension;
    for (let col = 0; col < dimension; col++) rowSum += matrix[offset + col]! * x[col]!;
    sum += x[row]! * rowSum;
  }
  return sum;
}

/** M += x xᵀ. */
export function addOuterProduct(matrix: Float64Array, x: Vector, dimension: number): void {
  for (let row = 0; row < dimension; row++) {
    const xRow = x[row]!;
    if (xRow === 0) continue;
    const offset = row * dimension;
    for (let col = 0; col < dimension; col++) matrix[offset + col]! += xRow * x[col]!;
  }
}

/**
 * Sherman–Morrison: (A + x xᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), valid because A⁻¹ is
 * symmetric. O(d²) instead of the O(d³) of a fresh inversion, which is what makes per-event
 * updates affordable (Li et al. 2010, §3.1). Updates `inverse` in place; `scratch` holds A⁻¹x.
 */
export function shermanMorrisonUpdate(
  inverse: Float64Array,
  x: Vector,
  dimension: number,
  scratch: Float64Array,
): void {
  multiplyMatrixVector(inverse, x, dimension, scratch);
  const denominator = 1 + dot(x, scratch, dimension);
  for (let row = 0; row < dimension; row++) {
    const factor = scratch[row]! / denominator;
    if (factor === 0) continue;
    const offset = row * dimension;
    for (let col = 0; col < dimension; col++) inverse[offset + col]! -= factor * scratch[col]!;
  }
}
