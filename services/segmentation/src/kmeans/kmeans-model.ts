import {
  assignToNearest,
  chooseK,
  describeSegment,
  type KCandidate,
  matchSegmentIds,
  StandardScaler,
  type StandardScalerJson,
  summarisePopulation,
  toRows,
} from '@userops/ml';

/** The features k-means sees; all are non-negative counts, amounts or durations, so all get log1p. */
export function kmeansFeatureNames(windowDays: number): string[] {
  return [
    'recencyDays',
    'orders',
    'revenue',
    'averageOrderValue',
    'sessions',
    'averageSessionSeconds',
    'pageViews',
    `orders${windowDays}d`,
    `pageViews${windowDays}d`,
  ];
}

const vocabulary = {
  recencyDays: { low: 'recent', high: 'lapsed' },
  orders: { high: 'frequent buyers', low: 'rarely buy' },
  revenue: { high: 'high spend', low: 'low spend' },
  averageOrderValue: { high: 'large baskets', low: 'small baskets' },
  sessions: { high: 'many sessions', low: 'few sessions' },
  averageSessionSeconds: { high: 'long sessions', low: 'short sessions' },
  pageViews: { high: 'heavy browsers', low: 'few page views' },
};

export interface KMeansSegment {
  /** Stable across retrains (see matchSegmentIds). */
  segmentId: string;
  description: string;
  size: number;
  /** The centroid in original units, feature by feature. */
  centroid: Record<string, number>;
}

/** What segment_models stores for a k-means version (params column). */
export interface StoredKMeansParams {
  featureNames: string[];
  scaler: StandardScalerJson;
  /** Centroids in the scaled space, with their stable numeric ids. */
  centroids: Array<{ id: number; centroid: number[] }>;
  /** Counter for ids never issued before (retired ids are not reused). */
  nextId: number;
}

export interface KMeansTraining {
  params: StoredKMeansParams;
  metrics: {
    k: number;
    inertia: number;
    silhouette: number;
    elbow: KCandidate[];
    algorithm: 'lloyd' | 'mini-batch';
    created: number[];
    retired: number[];
  };
  segments: KMeansSegment[];
  trainingSize: number;
}

export interface KMeansTrainingOptions {
  kMin: number;
  kMax: number;
  seed: number;
  /** Mini-batch k-means above this many users, full Lloyd below. */
  miniBatchAbove: number;
}

export const kmeansSegmentId = (id: number) => `kmeans-${id}`;

export const vectorOf = (features: Readonly<Record<string, number>>, names: readonly string[]): number[] =>
  names.map((name) => Math.max(0, features[name] ?? 0));

/**
 * Fits a new version on the population's features: log1p + standard scaling, k by silhouette
 * over [kMin, kMax] (elbow curve recorded), then ids matched to the previous version's so a
 * continuing segment keeps its id. Both versions' centroids are compared in the new scaler's
 * space (the old ones are mapped back to original units first).
 */
export function trainKMeans(
  population: ReadonlyArray<Readonly<Record<string, number>>>,
  featureNames: readonly string[],
  previous: StoredKMeansParams | undefined,
  options: KMeansTrainingOptions,
): KMeansTraining {
  const rows = population.map((features) => vectorOf(features, featureNames));
  const scaler = StandardScaler.fit(rows, {
    log1pColumns: featureNames.map((_, j) => j),
    featureNames,
  });
  const scaled = scaler.transform(rows);
  const algorithm = rows.length > options.miniBatchAbove ? 'mini-batch' : 'lloyd';
  const chosen = chooseK(scaled, {
    kMin: options.kMin,
    kMax: Math.max(options.kMin, Math.min(options.kMax, rows.length - 1)),
    seed: options.seed,
    algorithm,
  });

  const previousInNewSpace =
    previous && sameNames(previous.featureNames, featureNames)
      ? (() => {
          const oldScaler = StandardScaler.fromJSON(previous.scaler);
          // expm1(log1p(0)) can come back as -1e-16, which log1p refuses: clamp to the features' domain.
          const original = toRows(oldScaler.inverseTransform(previous.centroids.map((c) => c.centroid))).map(
            (row) => row.map((value) => Math.max(0, value)),
          );
          const mapped = toRows(scaler.transform(original));
          return previous.centroids.map((c, i) => ({ id: c.id, centroid: mapped[i]! }));
        })()
      : [];
  const ids = matchSegmentIds(previousInNewSpace, chosen.model.centroids, {
    nextId: previous?.nextId ?? 0,
  });

  const summary = summarisePopulation(rows, featureNames);
  const originalCentroids = toRows(scaler.inverseTransform(chosen.model.centroids));
  const sizes = new Array<number>(chosen.k).fill(0);
  for (const label of chosen.model.labels) sizes[label]!++;
  const segments = originalCentroids.map((centroid, index) => ({
    segmentId: kmeansSegmentId(ids.ids[index]!),
    description: describeSegment(centroid, summary, { vocabulary }).phrase,
    size: sizes[index]!,
    centroid: Object.fromEntries(featureNames.map((name, j) => [name, round(centroid[j]!)])),
  }));
  const silhouette = chosen.candidates.find((c) => c.k === chosen.k)!.silhouette;
  return {
    params: {
      featureNames: [...featureNames],
      scaler: scaler.toJSON(),
      centroids: chosen.model.centroids.map((centroid, index) => ({ id: ids.ids[index]!, centroid })),
      nextId: ids.nextId,
    },
    metrics: {
      k: chosen.k,
      inertia: chosen.model.inertia,
      silhouette,
      elbow: chosen.candidates,
      algorithm,
      created: ids.created,
      retired: ids.retired,
    },
    segments,
    trainingSize: rows.length,
  };
}

/** A loaded version, ready to assign users on the live path. */
export class KMeansAssigner {
  private readonly scaler: StandardScaler;
  private readonly centroids: number[][];

  constructor(
    readonly version: string,
    private readonly params: StoredKMeansParams,
  ) {
    this.scaler = StandardScaler.fromJSON(params.scaler);
    this.centroids = params.centroids.map((c) => c.centroid);
  }

  assign(features: Readonly<Record<string, number>>): string {
    const row = this.scaler.transformRow(vectorOf(features, this.params.featureNames));
    const { labels } = assignToNearest([row], this.centroids);
    return kmeansSegmentId(this.params.centroids[labels[0]!]!.id);
  }
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

const round = (value: number) => Math.round(value * 100) / 100;
