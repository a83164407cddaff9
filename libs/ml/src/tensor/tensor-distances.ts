import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../matrix/dense-matrix';
import type { Assignment } from '../clustering/nearest-centroid';

/**
 * Nearest-centroid assignment as tensor maths: ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2, so the whole n x k
 * distance matrix is one matMul plus two broadcasts, followed by argMin. The points are uploaded once and kept
 * on the backend across Lloyd iterations; only the k x d centroids travel per call.
 *
 * Values are float32 on every TensorFlow.js backend, and the expansion above loses precision when points sit far
 * from the origin relative to their spread, so near-ties may resolve differently from the float64 path; the
 * returned squared distances are clamped at zero for the same reason.
 */
export interface TensorAssigner {
  assign(centroids: Float64Array, k: number): Assignment;
  dispose(): void;
}

export function createTensorAssigner(points: DenseMatrix): TensorAssigner {
  const { rows: n, cols: d } = points;
  const x = tf.tensor2d(Float32Array.from(points.values), [n, d]);
  const xSquaredNorms = tf.tidy(() => x.square().sum(1, true));
  return {
    assign(centroids, k) {
      const [labelsTensor, distancesTensor] = tf.tidy(() => {
        const c = tf.tensor2d(Float32Array.from(centroids.subarray(0, k * d)), [k, d]);
        const cSquaredNorms = c.square().sum(1).reshape([1, k]);
        const squared = xSquaredNorms.sub(x.matMul(c, false, true).mul(2)).add(cSquaredNorms);
        return [squared.argMin(1), squared.min(1).relu()] as const;
      });
      const labels = Int32Array.from(labelsTensor.dataSync());
      const squaredDistances = Float64Array.from(distancesTensor.dataSync());
      labelsTensor.dispose();
      distancesTensor.dispose();
      return { labels, squaredDistances };
    },
    dispose() {
      x.dispose();
      xSquaredNorms.dispose();
    },
  };
}
