import { createRandom } from '../random/seeded-random';

/** Spherical Gaussian blobs around seeded centres; point i belongs to blob i % centres. For specs and benches. */
export function gaussianBlobs(options: {
  n: number;
  d: number;
  centres: number;
  seed: number;
  spread?: number;
  separation?: number;
}): { points: number[][]; truth: number[] } {
  const random = createRandom(options.seed);
  const separation = options.separation ?? 10;
  const spread = options.spread ?? 1;
  const centres = Array.from({ length: options.centres }, () =>
    Array.from({ length: options.d }, () => random.nextGaussian() * separation),
  );
  const points: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const blob = i % options.centres;
    points.push(centres[blob]!.map((value) => value + random.nextGaussian() * spread));
    truth.push(blob);
  }
  return { points, truth };
}
