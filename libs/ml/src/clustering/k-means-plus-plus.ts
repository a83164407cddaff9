import type { DenseMatrix } from '../matrix/dense-matrix';
import type { SeededRandom } from '../random/seeded-random';
import { type DistanceKernels, distanceKernels } from './distance-kernels';

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++: The Advantages of Careful Seeding"): each next
 * centre is a point drawn with probability proportional to its squared distance to the nearest centre chosen
 * so far, which makes the expected inertia O(log k)-competitive with the optimum before any Lloyd step.
 *
 * The greedy variant draws `localTrials` candidates per step and keeps the one that lowers the potential the
 * most. Arthur & Vassilvitskii discuss it in §6; scikit-learn uses it with 2 + ln(k) trials, and on blob-like
 * data it avoids most of the "two centres in one blob" starts that plain k-means++ produces.
 *
 * Returns k x d centroids, row-major.
 */
export function kMeansPlusPlus(
  points: DenseMatrix,
  k: number,
  random: SeededRandom,
  localTrials = 2 + Math.floor(Math.log(k)),
): Float64Array {
  const { rows: n, cols: d, values } = points;
  const centroids = new Float64Array(k * d);
  const seeding: Seeding = {
    values,
    n,
    d,
    centroids,
    chosen: 0,
    closest: new Float64Array(n),
    nearestCentre: new Int32Array(n),
    centreGaps: new Float64Array(k),
    squaredDistance: distanceKernels(d).squaredDistance,
  };
  const candidateClosest = new Float64Array(n);
  const bestClosest = new Float64Array(n);

  const first = random.nextInt(n);
  centroids.set(values.subarray(first * d, first * d + d), 0);
  seeding.chosen = 1;
  seeding.closest.fill(Infinity);
  let potential = potentialWith(seeding, first, seeding.closest, Infinity);

  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let bestIndex = -1;
    for (let trial = 0; trial < localTrials; trial++) {
      const candidate =
        potential > 0 ? drawProportional(seeding.closest, potential, random) : random.nextInt(n);
      const candidatePotential = potentialWith(seeding, candidate, candidateClosest, bestPotential);
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestIndex = candidate;
        bestClosest.set(candidateClosest);
      }
    }
    if (bestIndex < 0) {
      bestIndex = random.nextInt(n);
      bestPotential = potentialWith(seeding, bestIndex, bestClosest, Infinity);
    }
    centroids.set(values.subarray(bestIndex * d, bestIndex * d + d), c * d);
    for (let i = 0; i < n; i++) {
      if (bestClosest[i]! < seeding.closest[i]!) {
        seeding.closest[i] = bestClosest[i]!;
        seeding.nearestCentre[i] = c;
      }
    }
    seeding.chosen = c + 1;
    potential = bestPotential;
  }
  return centroids;
}

interface Seeding {
  values: Float64Array;
  n: number;
  d: number;
  centroids: Float64Array;
  chosen: number;
  /** Squared distance of each point to its nearest chosen centre. */
  closest: Float64Array;
  nearestCentre: Int32Array;
  /** Squared distance from the current candidate to each chosen centre. */
  centreGaps: Float64Array;
  squaredDistance: DistanceKernels['squaredDistance'];
}

/**
 * The potential (summed squared distance to the nearest centre) if point `candidate` were added, with each
 * point's new nearest squared distance written to `out`. Two shortcuts keep this well under n d operations:
 * - triangle inequality: if |candidate - c|^2 >= 4 |x - c|^2 for x's current centre c, the candidate cannot be
 *   nearer to x than c is (Elkan 2003, lemma 1), so x's distance is not computed;
 * - once the partial sum exceeds `giveUpAbove` (the best trial so far) the candidate has lost: return Infinity.
 */
function potentialWith(seeding: Seeding, candidate: number, out: Float64Array, giveUpAbove: number): number {
  const { values, n, centroids, chosen, closest, nearestCentre, centreGaps, squaredDistance } = seeding;
  for (let c = 0; c < chosen; c++) centreGaps[c] = squaredDistance(values, candidate, centroids, c);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const current = closest[i]!;
    let value = current;
    if (centreGaps[nearestCentre[i]!]! < 4 * current) {
      const squared = squaredDistance(values, i, values, candidate);
      if (squared < current) value = squared;
    }
    out[i] = value;
    sum += value;
    if (sum >= giveUpAbove) return Infinity;
  }
  return sum;
}

function drawProportional(weights: Float64Array, total: number, random: SeededRandom): number {
  const target = random.next() * total;
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    if (cumulative > target) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return weights.length - 1;
}
