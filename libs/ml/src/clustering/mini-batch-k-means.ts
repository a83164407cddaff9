import { invalidInput, invalidOption, requireInteger } from '../ml-error';
import { type DenseMatrix, type Points, selectRows, toDenseMatrix, toRows } from '../matrix/dense-matrix';
import { createRandom, sampleIndices, type SeededRandom, shuffledIndices } from '../random/seeded-random';
import { distanceKernels } from './distance-kernels';
import { kMeansPlusPlus } from './k-means-plus-plus';
import { assignDense, inertiaOf } from './nearest-centroid';

export interface MiniBatchKMeansOptions {
  k: number;
  seed?: number;
  /** Points per mini-batch. Default 1024. */
  batchSize?: number;
  /** Full passes over the data (each point is in exactly one batch per pass). Default 20. */
  maxPasses?: number;
  /**
   * Points on which the inertia is evaluated after each pass (a fixed seeded sample; all points when the
   * population is smaller). Default 10 000.
   */
  evaluationSize?: number;
  /** Stop when the kept inertia improved by less than this fraction over `patience` passes. Default 1e-4. */
  tolerance?: number;
  /** Default 2. */
  patience?: number;
  /** Points drawn for the k-means++ start. Default max(3 x batchSize, 10 k). */
  initSize?: number;
  initialCentroids?: Points;
}

export interface MiniBatchPass {
  pass: number;
  /** Inertia on the evaluation points of the centroids this pass produced. */
  inertia: number;
  /** Whether those centroids became the kept ones (they improved on every earlier pass). */
  kept: boolean;
}

export interface MiniBatchKMeansResult {
  centroids: number[][];
  /** Nearest of `centroids` for every point. */
  labels: Int32Array;
  /** Inertia of `centroids` on all points. */
  inertia: number;
  /** Passes run. */
  iterations: number;
  converged: boolean;
  /**
   * Kept inertia on the evaluation points: index 0 is the k-means++ start, then one entry per pass. Never
   * increases (see below); when the evaluation points are the whole population, its last entry is `inertia`.
   */
  inertiaTrace: number[];
  /** What each pass produced, kept or not. */
  passes: MiniBatchPass[];
}

/**
 * Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering"): each batch is assigned to its nearest
 * centres with the centres held fixed, then each centre moves towards its points with a per-centre learning rate
 * 1 / (points it has absorbed so far), so every centre is the running mean of what it has seen. Cost per pass is
 * one n k d assignment, but a pass reaches near-Lloyd quality without holding labels or sums for the whole
 * population, and a few passes usually suffice.
 *
 * What holds and what does not: a Lloyd step never increases the inertia, but a stochastic Sculley update can
 * (a batch pulls a centre away from the points outside the batch). So after each full pass the centroids are
 * scored on a fixed evaluation set and kept only if they beat the best so far; the returned model is the best
 * seen, and its inertia trace is non-increasing by construction. The raw per-pass figures stay in `passes`, so
 * a caller can see how often a pass did not help.
 */
export function fitMiniBatchKMeans(points: Points, options: MiniBatchKMeansOptions): MiniBatchKMeansResult {
  const data = toDenseMatrix(points);
  const { rows: n, cols: d } = data;
  const k = requireInteger('k', options.k, 1, n);
  const batchSize = requireInteger('batchSize', options.batchSize ?? 1024, 1);
  const maxPasses = requireInteger('maxPasses', options.maxPasses ?? 20, 1);
  const evaluationSize = requireInteger('evaluationSize', options.evaluationSize ?? 10_000, 1);
  const patience = requireInteger('patience', options.patience ?? 2, 1);
  const initSize = requireInteger('initSize', options.initSize ?? Math.max(3 * batchSize, 10 * k), k);
  const tolerance = options.tolerance ?? 1e-4;
  if (!(tolerance >= 0)) throw invalidOption(`tolerance must be >= 0, got ${String(tolerance)}`);

  const random = createRandom(options.seed ?? 0);
  const centroids = initialCentroids(data, k, initSize, options.initialCentroids, random.fork());
  const evaluation =
    n <= evaluationSize ? data : selectRows(data, sampleIndices(n, evaluationSize, random.fork()));
  const score = (centres: Float64Array): number =>
    inertiaOf(evaluation, centres, assignDense(evaluation, centres, k).labels);

  const absorbed = new Float64Array(k);
  const batchLabels = new Int32Array(batchSize);
  let kept = Float64Array.from(centroids);
  let keptInertia = score(kept);
  const inertiaTrace = [keptInertia];
  const passes: MiniBatchPass[] = [];
  let converged = false;

  for (let pass = 1; pass <= maxPasses; pass++) {
    const order = shuffledIndices(n, random);
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      assignBatch(data, order, start, end, centroids, k, batchLabels);
      for (let b = start; b < end; b++) {
        const label = batchLabels[b - start]!;
        absorbed[label] = absorbed[label]! + 1;
        const rate = 1 / absorbed[label]!;
        const pointOffset = order[b]! * d;
        const centreOffset = label * d;
        for (let j = 0; j < d; j++) {
          const centre = centroids[centreOffset + j]!;
          centroids[centreOffset + j] = centre + rate * (data.values[pointOffset + j]! - centre);
        }
      }
    }
    const inertia = score(centroids);
    const improves = inertia < keptInertia;
    passes.push({ pass, inertia, kept: improves });
    if (improves) {
      kept = Float64Array.from(centroids);
      keptInertia = inertia;
    }
    inertiaTrace.push(keptInertia);
    const before = inertiaTrace[Math.max(0, inertiaTrace.length - 1 - patience)]!;
    if (pass >= patience && before - keptInertia <= tolerance * before) {
      converged = true;
      break;
    }
  }

  const assignment = assignDense(data, kept, k);
  return {
    centroids: toRows({ rows: k, cols: d, values: kept }),
    labels: assignment.labels,
    inertia: assignment.squaredDistances.reduce((sum, value) => sum + value, 0),
    iterations: passes.length,
    converged,
    inertiaTrace,
    passes,
  };
}

/** Sculley's step 1: nearest centre of every batch point, with the centres frozen for the whole batch. */
function assignBatch(
  data: DenseMatrix,
  order: Int32Array,
  start: number,
  end: number,
  centroids: Float64Array,
  k: number,
  out: Int32Array,
): void {
  const { nearestTwo } = distanceKernels(data.cols);
  const nearest = new Float64Array(3);
  for (let b = start; b < end; b++) {
    nearestTwo(data.values, order[b]!, centroids, k, nearest);
    out[b - start] = nearest[2]!;
  }
}

function initialCentroids(
  data: DenseMatrix,
  k: number,
  initSize: number,
  given: Points | undefined,
  random: SeededRandom,
): Float64Array {
  if (given !== undefined) {
    const matrix = toDenseMatrix(given, 'initialCentroids');
    if (matrix.rows !== k || matrix.cols !== data.cols) {
      throw invalidInput(
        `initialCentroids must be ${k} x ${data.cols} (k x features), got ${matrix.rows} x ${matrix.cols}`,
      );
    }
    return Float64Array.from(matrix.values);
  }
  const sample = data.rows <= initSize ? data : selectRows(data, sampleIndices(data.rows, initSize, random));
  return kMeansPlusPlus(sample, k, random);
}
