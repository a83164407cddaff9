/**
 * Indexes of the maximal scores. Scores within a relative 1e-12 of the best count as tied, so
 * that round-off in otherwise identical models (e.g. several untrained actions) does not decide.
 */
export function tiedBest(scores: Float64Array, count: number): number[] {
  let best = -Infinity;
  for (let i = 0; i < count; i++) if (scores[i]! > best) best = scores[i]!;
  const tolerance = 1e-12 * Math.max(1, Math.abs(best));
  const tied: number[] = [];
  for (let i = 0; i < count; i++) if (best - scores[i]! <= tolerance) tied.push(i);
  return tied;
}
