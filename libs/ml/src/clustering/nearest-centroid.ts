import { invalidInput } from '../ml-error';
import { type DenseMatrix, type Points, toDenseMatrix } from '../matrix/dense-matrix';
import { distanceKernels } from './distance-kernels';

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
  const labels = new Int32Array(data.rows);
  const squaredDistances = new Float64Array(data.rows);
  const { nearestTwo } = distanceKernels(data.cols);
  const nearest = new Float64Array(3);
  for (let i = 0; i < data.rows; i++) {
    nearestTwo(data.values, i, centroids, k, nearest);
    labels[i] = nearest[2]!;
    squaredDistances[i] = nearest[0]!;
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
