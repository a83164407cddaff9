import { invalidInput, requireInteger } from '../ml-error';
import { type DenseMatrix, type Points, toDenseMatrix } from '../matrix/dense-matrix';
import { createRandom, sampleIndices } from '../random/seeded-random';

export interface SilhouetteOptions {
  /**
   * Above this many points the score is computed on a seeded random sample of this size, distances within the
   * sample only (as scikit-learn's `sample_size`): exact silhouette is O(n^2 d). Default 2000.
   */
  sampleSize?: number;
  seed?: number;
}

/**
 * Mean silhouette width (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and validation of
 * cluster analysis"): for point i, a = mean distance to the other members of its cluster, b = the smallest mean
 * distance to the members of another cluster, s = (b - a) / max(a, b); s = 0 for a point alone in its cluster.
 * Ranges from -1 to 1; higher means tighter, better separated clusters. Euclidean distance.
 */
export function silhouetteScore(
  points: Points,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): number {
  const data = toDenseMatrix(points);
  if (labels.length !== data.rows) {
    throw invalidInput(
      `labels has ${labels.length} entries but there are ${data.rows} points; pass one label per point`,
    );
  }
  const sampleSize = requireInteger('sampleSize', options.sampleSize ?? 2000, 2);
  const indices =
    data.rows <= sampleSize
      ? undefined
      : sampleIndices(data.rows, sampleSize, createRandom(options.seed ?? 0));
  return silhouetteOfRows(data, labels, indices);
}

/** Silhouette over the rows listed in `indices` (all rows when undefined). */
export function silhouetteOfRows(
  data: DenseMatrix,
  labels: ArrayLike<number>,
  indices?: ArrayLike<number>,
): number {
  const size = indices === undefined ? data.rows : indices.length;
  const rowAt = (r: number): number => (indices === undefined ? r : indices[r]!);
  const clusterOf = new Int32Array(size);
  const clusterIds = new Map<number, number>();
  for (let r = 0; r < size; r++) {
    const label = labels[rowAt(r)]!;
    let id = clusterIds.get(label);
    if (id === undefined) {
      id = clusterIds.size;
      clusterIds.set(label, id);
    }
    clusterOf[r] = id;
  }
  const k = clusterIds.size;
  if (k < 2 || k >= size) {
    throw invalidInput(
      `silhouette needs between 2 and ${size - 1} clusters among the ${size} points scored, got ${k}`,
    );
  }
  const clusterSizes = new Float64Array(k);
  for (let r = 0; r < size; r++) clusterSizes[clusterOf[r]!] = clusterSizes[clusterOf[r]!]! + 1;

  // distanceSums[r * k + c]: summed distance from row r to the members of cluster c; each pair computed once.
  const distanceSums = new Float64Array(size * k);
  const { cols: d, values } = data;
  for (let r = 0; r < size; r++) {
    const offset = rowAt(r) * d;
    const ownCluster = clusterOf[r]!;
    for (let q = r + 1; q < size; q++) {
      const otherOffset = rowAt(q) * d;
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = values[offset + j]! - values[otherOffset + j]!;
        squared += diff * diff;
      }
      const distance = Math.sqrt(squared);
      const at = r * k + clusterOf[q]!;
      distanceSums[at] = distanceSums[at]! + distance;
      const back = q * k + ownCluster;
      distanceSums[back] = distanceSums[back]! + distance;
    }
  }

  let total = 0;
  for (let r = 0; r < size; r++) {
    const own = clusterOf[r]!;
    if (clusterSizes[own]! <= 1) continue;
    const a = distanceSums[r * k + own]! / (clusterSizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own) continue;
      const mean = distanceSums[r * k + c]! / clusterSizes[c]!;
      if (mean < b) b = mean;
    }
    const widest = Math.max(a, b);
    total += widest === 0 ? 0 : (b - a) / widest;
  }
  return total / size;
}
