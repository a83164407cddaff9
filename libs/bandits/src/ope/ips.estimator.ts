import { createRng } from '../random/seeded.rng';
import { bootstrapRatioInterval } from './bootstrap.interval';
import { effectiveSampleSize, prepareLog } from './logged-decisions.prepare';
import type { EstimateOptions, LoggedDecision, OffPolicyEstimate, TargetPolicy } from './ope.types';

/**
 * Inverse propensity scoring (Horvitz & Thompson 1952; for bandits, Li et al. 2011):
 * V̂ = (1/n) Σ wᵢ rᵢ with wᵢ = π(aᵢ|xᵢ)/pᵢ. Unbiased whenever the logging policy gave every
 * action the target can pick a positive probability, at the price of high variance when
 * weights are large.
 */
export function estimateIps(
  log: readonly LoggedDecision[],
  target: TargetPolicy,
  options: EstimateOptions = {},
): OffPolicyEstimate {
  const prepared = prepareLog(log, target, options);
  const terms = prepared.weights.map((weight, i) => weight * prepared.rewards[i]!);
  const ones = new Float64Array(terms.length).fill(1);
  let sum = 0;
  for (const term of terms) sum += term;
  return {
    estimator: 'ips',
    value: sum / terms.length,
    interval: {
      ...bootstrapRatioInterval(terms, ones, prepared.resamples, prepared.level, createRng(prepared.seed)),
      level: prepared.level,
    },
    effectiveSampleSize: effectiveSampleSize(prepared.weights),
    samples: terms.length,
    resamples: prepared.resamples,
  };
}
