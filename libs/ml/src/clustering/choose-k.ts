import { invalidOption, requireInteger } from '../ml-error';
import { type Points, toDenseMatrix } from '../matrix/dense-matrix';
import { createRandom, sampleIndices } from '../random/seeded-random';
import { fitKMeans, type KMeansOptions } from './k-means';
import { fitMiniBatchKMeans, type MiniBatchKMeansOptions } from './mini-batch-k-means';
import { silhouetteOfRows } from './silhouette';

export interface ChooseKOptions {
  /** Smallest k tried. Default 2 (silhouette is undefined for one cluster). */
  kMin?: number;
  /** Largest k tried. Default 10, capped at n - 1. */
  kMax?: number;
  seed?: number;
  /** k-means starts per k. Default 3. */
  nInit?: number;
  /** Silhouette on a seeded sample above this size (the same sample for every k). Default 2000. */
  silhouetteSampleSize?: number;
  /** `mini-batch` for large populations; `lloyd` (default) runs full k-means. */
  algorithm?: 'lloyd' | 'mini-batch';
  /** Passed through to the fit for each k (k and seed are set here). */
  kMeans?: Omit<KMeansOptions, 'k' | 'seed' | 'nInit' | 'initialCentroids'>;
  miniBatch?: Omit<MiniBatchKMeansOptions, 'k' | 'seed' | 'initialCentroids'>;
}

export interface KCandidate {
  k: number;
  silhouette: number;
  /** The elbow curve: within-cluster sum of squares of the fit for this k. */
  inertia: number;
}

export interface ChooseKResult {
  /** The k with the highest silhouette (the smaller k on a tie). */
  k: number;
  /** One entry per k tried, in increasing k: the silhouette curve and the elbow curve side by side. */
  candidates: KCandidate[];
  /** The fit for the chosen k. */
  model: {
    centroids: number[][];
    labels: Int32Array;
    inertia: number;
    iterations: number;
    converged: boolean;
  };
}

/**
 * Chooses the number of segments by mean silhouette width (Rousseeuw 1987): fit each k in [kMin, kMax], score
 * it, keep the best. The inertia per k (the elbow curve) is recorded alongside because operators read it to
 * sanity-check the choice; inertia always falls as k grows, so it cannot pick k on its own.
 */
export function chooseK(points: Points, options: ChooseKOptions = {}): ChooseKResult {
  const data = toDenseMatrix(points);
  const kMin = requireInteger('kMin', options.kMin ?? 2, 2);
  const kMax = Math.min(requireInteger('kMax', options.kMax ?? 10, kMin), data.rows - 1);
  if (kMax < kMin) {
    throw invalidOption(
      `kMin (${kMin}) leaves no k to try with ${data.rows} points; silhouette needs k <= n - 1`,
    );
  }
  const seed = options.seed ?? 0;
  const sampleSize = requireInteger('silhouetteSampleSize', options.silhouetteSampleSize ?? 2000, 2);
  const sample =
    data.rows <= sampleSize ? undefined : sampleIndices(data.rows, sampleSize, createRandom(seed));

  const candidates: KCandidate[] = [];
  let best: { k: number; silhouette: number; model: ChooseKResult['model'] } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const model =
      options.algorithm === 'mini-batch'
        ? fitMiniBatchKMeans(data, { ...options.miniBatch, k, seed: seed + k })
        : fitKMeans(data, { ...options.kMeans, k, seed: seed + k, nInit: options.nInit ?? 3 });
    const distinct = new Set(
      sample === undefined ? model.labels : Array.from(sample, (i) => model.labels[i]!),
    ).size;
    const silhouette = distinct >= 2 ? silhouetteOfRows(data, model.labels, sample) : -1;
    candidates.push({ k, silhouette, inertia: model.inertia });
    if (best === undefined || silhouette > best.silhouette) best = { k, silhouette, model };
  }
  const { centroids, labels, inertia, iterations, converged } = best!.model;
  return { k: best!.k, candidates, model: { centroids, labels, inertia, iterations, converged } };
}
