import { invalidInput } from '../ml-error';
import { type DenseMatrix, type Points, toDenseMatrix } from '../matrix/dense-matrix';

export interface Assignment {
  /** Index of the nearest centroid for each point (lowest index on exact ties). */
  labels: Int32Array;
  /** Squared Euclidean distance of each point to that centroid. */
  squaredDistances: Float64Array;
}

/** Brute-force nearest centroid for each point: O(n k d), exact in float64. */
export function assignToNearest(points: Points, centroids: Points): Assignment {
  const data = toDenseMatrix(points);
  const centres = toDenseMatrix(centroids, 'centroids');
  if (centres.cols !== data.cols) {
    throw invalidInput(
      `centroids have ${centres.cols} features but points have ${data.cols}; transform points with the model's scaler first`,
    );
  }
  return assignDense(data, centres.values, centres.rows);
}

export function assignDense(data: DenseMatrix, centroids: Float64Array, k: number): Assignment {
  const { rows: n, cols: d, values } = data;
  const labels = new Int32Array(n);
  const squaredDistances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    let best = Infinity;
    let bestIndex = 0;
    for (let c = 0; c < k; c++) {
      const centreOffset = c * d;
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = values[offset + j]! - centroids[centreOffset + j]!;
        squared += diff * diff;
      }
      if (squared < best) {
        best = squared;
        bestIndex = c;
      }
    }
    labels[i] = bestIndex;
    squaredDistances[i] = best;
  }
  return { labels, squaredDistances };
}

/** Sum of squared distances of points to their assigned centroid (the k-means objective). */
export function inertiaOf(data: DenseMatrix, centroids: Float64Array, labels: Int32Array): number {
  const { rows: n, cols: d, values } = data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const centreOffset = labels[i]! * d;
    for (let j = 0; j < d; j++) {
      const diff = values[offset + j]! - centroids[centreOffset + j]!;
      total += diff * diff;
    }
  }
  return total;
}
