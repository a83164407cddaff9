import { invalidInput, invalidOption, requireInteger } from '../ml-error';
import { type DenseMatrix, type Points, toDenseMatrix, toRows } from '../matrix/dense-matrix';
import { createRandom } from '../random/seeded-random';
import { createTensorAssigner, type TensorAssigner } from '../tensor/tensor-distances';
import { type DistanceKernels, distanceKernels } from './distance-kernels';
import { kMeansPlusPlus } from './k-means-plus-plus';
import { inertiaOf } from './nearest-centroid';

/**
 * Where the assignment step runs.
 * - `typed-array` (default): Float64Array loops with Hamerly's bounds (below).
 * - `tensor`: plain Lloyd with the distance matrix computed by TensorFlow.js (see tensor-distances.ts).
 *
 * The default is the typed-array path because it measured faster, not by taste. On 100k x 8 points, k = 8, on
 * the project's shared 2-core machine: one tensor assignment (upload k x d, matMul, argMin, download n labels)
 * takes ~40 ms on the WASM backend and ~150-200 ms on the cpu backend, while one brute-force float64 pass with
 * the unrolled kernels of distance-kernels.ts takes ~13-25 ms. On top of that the tensor path must recompute all
 * n x k distances every iteration, whereas Hamerly's bounds let the typed-array path skip most points once
 * clusters settle (late iterations cost 1-5 ms); a k x d centroid matrix is too small for a matMul to pay for the
 * backend round trip. `npm run bench -- segmentation` re-measures both engines from the same start on every run.
 */
export type KMeansEngine = 'typed-array' | 'tensor';

export interface KMeansOptions {
  k: number;
  /** Seed for k-means++ and the restarts; the same seed and data give the same result. Default 0. */
  seed?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 1. */
  nInit?: number;
  /** Cap on Lloyd iterations per start. Default 300. */
  maxIterations?: number;
  /**
   * Stop when the summed squared centroid shift falls below `tolerance` x the mean feature variance (the
   * scikit-learn rule). Default 0: iterate until no point changes cluster, i.e. to a true Lloyd fixed point.
   */
  tolerance?: number;
  /** Start from these centroids instead of k-means++ (then nInit must be 1). */
  initialCentroids?: Points;
  engine?: KMeansEngine;
  /** Record the inertia after every centroid update (costs one O(n d) pass per iteration). */
  recordInertiaTrace?: boolean;
}

export interface KMeansResult {
  /** k rows in the units of the points that were fitted. */
  centroids: number[][];
  /** Cluster index of each point; always the nearest of `centroids`. */
  labels: Int32Array;
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  /** Lloyd iterations of the winning start. */
  iterations: number;
  converged: boolean;
  /** Final inertia of each start, in start order. */
  startInertias: number[];
  /** Inertia after each centroid update of the winning start, when `recordInertiaTrace` was set. */
  inertiaTrace?: number[];
}

const defaults = {
  seed: 0,
  nInit: 1,
  maxIterations: 300,
  tolerance: 0,
  engine: 'typed-array' as KMeansEngine,
};

/**
 * K-means (Lloyd 1982) from k-means++ starts. The assignment step uses Hamerly's algorithm ("Making k-means even
 * faster", SDM 2010): per point an upper bound on the distance to its centre and a lower bound on the distance to
 * any other centre, both moved by the centroid shifts of each iteration. A point whose upper bound is below
 * max(lower bound, half the distance from its centre to the nearest other centre) provably keeps its centre, so
 * it is skipped; the result is exactly Lloyd's, with a fraction of the distance computations once clusters settle.
 */
export function fitKMeans(points: Points, options: KMeansOptions): KMeansResult {
  const data = toDenseMatrix(points);
  const k = requireInteger('k', options.k, 1, data.rows);
  const nInit = requireInteger('nInit', options.nInit ?? defaults.nInit, 1);
  const maxIterations = requireInteger('maxIterations', options.maxIterations ?? defaults.maxIterations, 1);
  const tolerance = options.tolerance ?? defaults.tolerance;
  if (!(tolerance >= 0)) throw invalidOption(`tolerance must be >= 0, got ${String(tolerance)}`);
  const start =
    options.initialCentroids === undefined ? undefined : startingCentroids(options.initialCentroids, data, k);
  if (start !== undefined && nInit !== 1) {
    throw invalidOption('nInit must be 1 when initialCentroids are given: every start would be the same');
  }

  const random = createRandom(options.seed ?? defaults.seed);
  const shiftTolerance = tolerance > 0 ? tolerance * meanVariance(data) : 0;
  const tensorAssigner =
    (options.engine ?? defaults.engine) === 'tensor' ? createTensorAssigner(data) : undefined;
  try {
    let best: LloydOutcome | undefined;
    const startInertias: number[] = [];
    for (let run = 0; run < nInit; run++) {
      const runRandom = random.fork();
      const centroids = start ?? kMeansPlusPlus(data, k, runRandom);
      const outcome = lloyd(data, centroids, k, {
        maxIterations,
        shiftTolerance,
        recordTrace: options.recordInertiaTrace === true,
        tensorAssigner,
      });
      startInertias.push(outcome.inertia);
      if (best === undefined || outcome.inertia < best.inertia) best = outcome;
    }
    const winner = best!;
    return {
      centroids: toRows({ rows: k, cols: data.cols, values: winner.centroids }),
      labels: winner.labels,
      inertia: winner.inertia,
      iterations: winner.iterations,
      converged: winner.converged,
      startInertias,
      ...(winner.trace === undefined ? {} : { inertiaTrace: winner.trace }),
    };
  } finally {
    tensorAssigner?.dispose();
  }
}

interface LloydOutcome {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  trace?: number[];
}

interface LloydSettings {
  maxIterations: number;
  shiftTolerance: number;
  recordTrace: boolean;
  tensorAssigner: TensorAssigner | undefined;
}

/** Lloyd iterations from the given centroids, which it owns and overwrites. */
function lloyd(data: DenseMatrix, centroids: Float64Array, k: number, settings: LloydSettings): LloydOutcome {
  const state = createState(data, centroids, k);
  const trace: number[] | undefined = settings.recordTrace ? [] : undefined;
  const assign =
    settings.tensorAssigner === undefined ? hamerlyAssign : tensorAssign(settings.tensorAssigner);

  fullAssign(state);
  accumulateSums(state);
  let changed = data.rows;
  let iterations = 0;
  let converged = false;
  // Each iteration is an update (M) step then an assignment (E) step, so on every exit the labels are the
  // nearest centroids of the returned centroids.
  while (iterations < settings.maxIterations) {
    iterations++;
    const squaredShift = updateCentroids(state);
    trace?.push(inertiaOf(data, state.centroids, state.labels));
    if (changed === 0) {
      converged = true;
      break;
    }
    if (squaredShift <= settings.shiftTolerance) converged = true;
    changed = assign(state);
    if (converged) break;
  }
  return {
    centroids: state.centroids,
    labels: state.labels,
    inertia: inertiaOf(data, state.centroids, state.labels),
    iterations,
    converged,
    ...(trace === undefined ? {} : { trace }),
  };
}

interface HamerlyState {
  data: DenseMatrix;
  k: number;
  centroids: Float64Array;
  labels: Int32Array;
  /** Upper bound on the distance (not squared) from each point to its centroid. */
  upper: Float64Array;
  /** Lower bound on the distance from each point to any centroid other than its own. */
  lower: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  halfSeparation: Float64Array;
  /** Distance between centroids a and b at [a * k + b]. */
  centreDistances: Float64Array;
  /** For centroid a, the other centroids nearest first, at [a * (k - 1) .. (a + 1) * (k - 1)). */
  neighbours: Int32Array;
  shifts: Float64Array;
  sums: Float64Array;
  counts: Float64Array;
  kernels: DistanceKernels;
  /** Out-parameter of the kernels: [best, second best, index of best]. */
  nearest: Float64Array;
}

function createState(data: DenseMatrix, centroids: Float64Array, k: number): HamerlyState {
  return {
    data,
    k,
    centroids,
    labels: new Int32Array(data.rows),
    upper: new Float64Array(data.rows),
    lower: new Float64Array(data.rows),
    halfSeparation: new Float64Array(k),
    centreDistances: new Float64Array(k * k),
    neighbours: new Int32Array(k * Math.max(k - 1, 0)),
    shifts: new Float64Array(k),
    sums: new Float64Array(k * data.cols),
    counts: new Float64Array(k),
    kernels: distanceKernels(data.cols),
    nearest: new Float64Array(3),
  };
}

function fullAssign(state: HamerlyState): void {
  const { data, k, centroids, labels, upper, lower, kernels, nearest } = state;
  for (let i = 0; i < data.rows; i++) {
    kernels.nearestTwo(data.values, i, centroids, k, nearest);
    labels[i] = nearest[2]!;
    upper[i] = Math.sqrt(nearest[0]!);
    lower[i] = Math.sqrt(nearest[1]!);
  }
}

/**
 * Moves each centroid to the mean of its points (from the running sums), moves the bounds by the shifts, and
 * returns the summed squared shift. An emptied cluster is re-seeded with the point farthest from its centroid,
 * as scikit-learn does; that can only lower the inertia.
 */
function updateCentroids(state: HamerlyState): number {
  const { data, k, centroids, labels, sums, counts, shifts, upper, lower } = state;
  const { rows: n, cols: d } = data;
  let emptied = false;
  for (let c = 0; c < k; c++) if (counts[c] === 0) emptied = true;
  if (emptied) reseedEmptyClusters(state);

  let squaredShift = 0;
  let largest = 0;
  let secondLargest = 0;
  let largestIndex = -1;
  for (let c = 0; c < k; c++) {
    const centreOffset = c * d;
    let moved = 0;
    if (counts[c]! > 0) {
      for (let j = 0; j < d; j++) {
        const mean = sums[centreOffset + j]! / counts[c]!;
        const diff = mean - centroids[centreOffset + j]!;
        moved += diff * diff;
        centroids[centreOffset + j] = mean;
      }
    }
    squaredShift += moved;
    const shift = Math.sqrt(moved);
    shifts[c] = shift;
    if (shift > largest) {
      secondLargest = largest;
      largest = shift;
      largestIndex = c;
    } else if (shift > secondLargest) {
      secondLargest = shift;
    }
  }
  if (emptied) {
    // Re-seeding moved labels around; recompute every bound exactly rather than reason about the moves.
    lower.fill(0);
    upper.fill(Infinity);
  } else if (largest > 0) {
    for (let i = 0; i < n; i++) {
      const label = labels[i]!;
      upper[i] = upper[i]! + shifts[label]!;
      lower[i] = lower[i]! - (label === largestIndex ? secondLargest : largest);
    }
  }
  return squaredShift;
}

/** Per-cluster sums and counts from scratch; afterwards the assignment steps keep them current point by point. */
function accumulateSums(state: HamerlyState): void {
  const { data, labels, sums, counts } = state;
  const { rows: n, cols: d, values } = data;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const label = labels[i]!;
    const centreOffset = label * d;
    counts[label] = counts[label]! + 1;
    for (let j = 0; j < d; j++) sums[centreOffset + j] = sums[centreOffset + j]! + values[offset + j]!;
  }
}

/**
 * Moves point i from cluster `from` to `to` in the running sums. Updating only the points that moved, instead of
 * re-summing all n points per iteration, is what keeps late iterations O(changed d); float64 add/subtract drift
 * over a fit is ~1e-13 relative, far below anything that changes an assignment.
 */
function moveBetweenSums(state: HamerlyState, i: number, from: number, to: number): void {
  const { sums, counts } = state;
  const { cols: d, values } = state.data;
  const offset = i * d;
  for (let j = 0; j < d; j++) {
    const value = values[offset + j]!;
    sums[from * d + j] = sums[from * d + j]! - value;
    sums[to * d + j] = sums[to * d + j]! + value;
  }
  counts[from] = counts[from]! - 1;
  counts[to] = counts[to]! + 1;
}

function reseedEmptyClusters(state: HamerlyState): void {
  const { data, k, labels, sums, counts } = state;
  const { rows: n, cols: d, values } = data;
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    const label = labels[i]!;
    const centreOffset = label * d;
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const diff = values[offset + j]! - sums[centreOffset + j]! / counts[label]!;
      squared += diff * diff;
    }
    distances[i] = squared;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] !== 0) continue;
    let farthest = -1;
    let farthestDistance = 0;
    for (let i = 0; i < n; i++) {
      if (distances[i]! > farthestDistance && counts[labels[i]!]! > 1) {
        farthestDistance = distances[i]!;
        farthest = i;
      }
    }
    // Every point sits exactly on its centroid: fewer distinct points than k, the cluster stays empty.
    if (farthest < 0) continue;
    const from = labels[farthest]!;
    const offset = farthest * d;
    for (let j = 0; j < d; j++) {
      sums[from * d + j] = sums[from * d + j]! - values[offset + j]!;
      sums[c * d + j] = values[offset + j]!;
    }
    counts[from] = counts[from]! - 1;
    counts[c] = 1;
    labels[farthest] = c;
    distances[farthest] = 0;
  }
}

/** Centroid-to-centroid distances, each centroid's neighbours sorted by them, and the half separations. */
function computeCentreGeometry(state: HamerlyState): void {
  const { k, centroids, halfSeparation, centreDistances, neighbours } = state;
  const d = state.data.cols;
  for (let a = 0; a < k; a++) {
    centreDistances[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = centroids[a * d + j]! - centroids[b * d + j]!;
        squared += diff * diff;
      }
      const distance = Math.sqrt(squared);
      centreDistances[a * k + b] = distance;
      centreDistances[b * k + a] = distance;
    }
  }
  const others: number[] = [];
  for (let a = 0; a < k; a++) {
    others.length = 0;
    for (let b = 0; b < k; b++) if (b !== a) others.push(b);
    others.sort((x, y) => centreDistances[a * k + x]! - centreDistances[a * k + y]!);
    neighbours.set(others, a * (k - 1));
    halfSeparation[a] = others.length > 0 ? centreDistances[a * k + others[0]!]! / 2 : Infinity;
  }
}

/**
 * One Hamerly assignment pass; returns how many points changed cluster. A point whose bounds fail gets its own
 * distance tightened and, if needed, a scan of the other centroids nearest-to-its-centroid first that stops as
 * soon as the triangle inequality rules out the rest (the ball pruning of Newling & Fleuret 2016, "Fast k-means
 * with accurate bounds"; see distance-kernels.ts). Best and second-best distances stay exact, so the bounds stay
 * valid and the labels are Lloyd's.
 */
function hamerlyAssign(state: HamerlyState): number {
  computeCentreGeometry(state);
  const { data, k, centroids, labels, upper, lower, halfSeparation, centreDistances, neighbours } = state;
  const { kernels, nearest } = state;
  const values = data.values;
  let changed = 0;
  for (let i = 0; i < data.rows; i++) {
    const label = labels[i]!;
    const bound = halfSeparation[label]! > lower[i]! ? halfSeparation[label]! : lower[i]!;
    if (upper[i]! <= bound) continue;
    kernels.boundedNearest(values, i, centroids, label, bound, neighbours, centreDistances, k, nearest);
    upper[i] = nearest[0]!;
    if (nearest[1]! < 0) continue;
    const bestIndex = nearest[2]!;
    if (bestIndex !== label) {
      moveBetweenSums(state, i, label, bestIndex);
      labels[i] = bestIndex;
      changed++;
    }
    lower[i] = nearest[1]!;
  }
  return changed;
}

function tensorAssign(assigner: TensorAssigner): (state: HamerlyState) => number {
  return (state) => {
    const { labels } = assigner.assign(state.centroids, state.k);
    let changed = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] !== state.labels[i]) {
        moveBetweenSums(state, i, state.labels[i]!, labels[i]!);
        state.labels[i] = labels[i]!;
        changed++;
      }
    }
    return changed;
  };
}

function startingCentroids(initial: Points, data: DenseMatrix, k: number): Float64Array {
  const matrix = toDenseMatrix(initial, 'initialCentroids');
  if (matrix.rows !== k || matrix.cols !== data.cols) {
    throw invalidInput(
      `initialCentroids must be ${k} x ${data.cols} (k x features), got ${matrix.rows} x ${matrix.cols}`,
    );
  }
  return Float64Array.from(matrix.values);
}

function meanVariance(data: DenseMatrix): number {
  const { rows: n, cols: d, values } = data;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + j]!;
    mean /= n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const diff = values[i * d + j]! - mean;
      squares += diff * diff;
    }
    total += squares / n;
  }
  return total / d;
}
