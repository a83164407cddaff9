import { invalidInput } from '../ml-error';
import { solveAssignment } from './hungarian-matching';

export interface IdentifiedCentroid {
  id: number;
  centroid: ArrayLike<number>;
}

export interface StableIdOptions {
  /**
   * First id to mint for a cluster with no predecessor. Default: one more than the largest previous id. Pass the
   * model registry's counter to never reuse an id that was retired earlier.
   */
  nextId?: number;
  /**
   * A pair farther apart than this (Euclidean, in the space the centroids are in) is not a continuation: the
   * new cluster gets a fresh id and the old id is retired. Default: no limit.
   */
  maxDistance?: number;
}

export interface StableIdMatch {
  /** Index of the cluster in the new model. */
  index: number;
  id: number;
  /** The previous model's id this cluster continues, or undefined for a new segment. */
  previousId: number | undefined;
  /** Distance to the matched previous centroid (undefined for a new segment). */
  distance: number | undefined;
}

export interface StableIdResult {
  /** Stable id of each cluster of the new model, by its index. */
  ids: number[];
  matches: StableIdMatch[];
  /** Ids minted for clusters with no predecessor. */
  created: number[];
  /** Previous ids that no new cluster continues. */
  retired: number[];
  /** The counter after minting; store it with the model. */
  nextId: number;
}

/**
 * Keeps segment ids stable across retrains: k-means numbers its clusters arbitrarily, so a retrained model's
 * cluster 0 may be the old cluster 3. Matching the new centroids to the old ones by minimum total Euclidean
 * distance (Hungarian method, see hungarian-matching.ts) gives each continuing segment its old id, so users whose
 * segment did not change see no segment-changed event. When k grows, the unmatched new clusters get fresh ids;
 * when it shrinks, the unmatched old ids are retired. Centroids must be in one feature space (e.g. both
 * transformed by the new model's scaler).
 */
export function matchSegmentIds(
  previous: readonly IdentifiedCentroid[],
  nextCentroids: ReadonlyArray<ArrayLike<number>>,
  options: StableIdOptions = {},
): StableIdResult {
  const width = nextCentroids[0]?.length ?? previous[0]?.centroid.length ?? 0;
  const seen = new Set<number>();
  for (const { id, centroid } of previous) {
    if (!Number.isInteger(id)) throw invalidInput(`previous segment id ${String(id)} is not an integer`);
    if (seen.has(id)) throw invalidInput(`previous segment id ${id} appears twice; ids must be unique`);
    seen.add(id);
    if (centroid.length !== width) {
      throw invalidInput(
        `previous segment ${id} has ${centroid.length} features but the new centroids have ${width}`,
      );
    }
  }
  nextCentroids.forEach((centroid, index) => {
    if (centroid.length !== width)
      throw invalidInput(`new centroid ${index} has ${centroid.length} features, expected ${width}`);
  });

  const distances = nextCentroids.map((centroid) => previous.map((old) => euclidean(centroid, old.centroid)));
  const { rowToColumn } = solveAssignment(distances);
  const maxDistance = options.maxDistance ?? Infinity;
  let nextId = options.nextId ?? previous.reduce((max, { id }) => Math.max(max, id + 1), 0);
  if (previous.some(({ id }) => id >= nextId)) {
    throw invalidInput(
      `nextId ${nextId} would collide with a previous id; pass a counter above every id ever issued`,
    );
  }

  const matches: StableIdMatch[] = [];
  const created: number[] = [];
  const continued = new Set<number>();
  nextCentroids.forEach((_, index) => {
    const column = rowToColumn[index]!;
    const distance = column >= 0 ? distances[index]![column]! : undefined;
    if (column >= 0 && distance! <= maxDistance) {
      const previousId = previous[column]!.id;
      continued.add(previousId);
      matches.push({ index, id: previousId, previousId, distance });
    } else {
      const id = nextId++;
      created.push(id);
      matches.push({ index, id, previousId: undefined, distance: undefined });
    }
  });
  return {
    ids: matches.map(({ id }) => id),
    matches,
    created,
    retired: previous.map(({ id }) => id).filter((id) => !continued.has(id)),
    nextId,
  };
}

function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let squared = 0;
  for (let j = 0; j < a.length; j++) {
    const diff = a[j]! - b[j]!;
    squared += diff * diff;
  }
  return Math.sqrt(squared);
}
