/** One sparse row: parallel arrays of column indices (ascending) and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Compressed sparse rows (CSR): row r spans indices/values [rowStart[r], rowStart[r + 1]). */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export function sparseMatrixOf(rows: readonly SparseVector[], columns: number): SparseMatrix {
  const rowStart = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) rowStart[r + 1] = rowStart[r]! + rows[r]!.indices.length;
  const indices = new Int32Array(rowStart[rows.length]!);
  const values = new Float64Array(indices.length);
  rows.forEach((row, r) => {
    indices.set(row.indices, rowStart[r]!);
    values.set(row.values, rowStart[r]!);
  });
  return { rows: rows.length, columns, rowStart, indices, values };
}

/** w · x for a sparse x. */
export function sparseDot(weights: ArrayLike<number>, vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += weights[vector.indices[k]!]! * vector.values[k]!;
  return sum;
}
