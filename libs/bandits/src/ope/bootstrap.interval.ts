import type { Rng } from '../random/seeded.rng';

/**
 * Percentile bootstrap (Efron & Tibshirani 1993, ch. 13) of Σnumerator/Σdenominator over records
 * resampled with replacement. A mean is the case denominator ≡ 1; SNIPS is a true ratio, and
 * resampling numerator and denominator together keeps their correlation in the interval. A
 * resample whose denominator sums to 0 (SNIPS with no weight) counts as an estimate of 0.
 */
export function bootstrapRatioInterval(
  numerators: Float64Array,
  denominators: Float64Array,
  resamples: number,
  level: number,
  rng: Rng,
): { lower: number; upper: number } {
  const count = numerators.length;
  const estimates = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample++) {
    let numerator = 0;
    let denominator = 0;
    for (let draw = 0; draw < count; draw++) {
      const index = rng.int(count);
      numerator += numerators[index]!;
      denominator += denominators[index]!;
    }
    estimates[resample] = denominator === 0 ? 0 : numerator / denominator;
  }
  estimates.sort();
  const tail = (1 - level) / 2;
  return { lower: quantile(estimates, tail), upper: quantile(estimates, 1 - tail) };
}

/** Linear interpolation between order statistics (Hyndman & Fan 1996, type 7). */
export function quantile(sorted: Float64Array, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
