import { BanditError } from '../bandit.errors';
import { createRng } from '../random/seeded.rng';
import { bootstrapRatioInterval } from './bootstrap.interval';
import { effectiveSampleSize, prepareLog } from './logged-decisions.prepare';
import type { EstimateOptions, LoggedDecision, OffPolicyEstimate, TargetPolicy } from './ope.types';

/**
 * Self-normalised IPS (Swaminathan & Joachims 2015): V̂ = Σ wᵢ rᵢ / Σ wᵢ. Slightly biased but
 * consistent, bounded by the rewards' range, and invariant to a constant shift of the rewards,
 * so its variance is usually far below IPS's when weights are large.
 */
export function estimateSnips(
  log: readonly LoggedDecision[],
  target: TargetPolicy,
  options: EstimateOptions = {},
): OffPolicyEstimate {
  const prepared = prepareLog(log, target, options);
  const terms = prepared.weights.map((weight, i) => weight * prepared.rewards[i]!);
  let weighted = 0;
  let weightSum = 0;
  terms.forEach((term, i) => {
    weighted += term;
    weightSum += prepared.weights[i]!;
  });
  if (weightSum === 0) {
    throw new BanditError(
      'INVALID_LOG',
      'the target policy gives probability 0 to every logged action, so SNIPS is undefined; evaluate on a log whose actions the target policy can choose',
    );
  }
  return {
    estimator: 'snips',
    value: weighted / weightSum,
    interval: {
      ...bootstrapRatioInterval(
        terms,
        prepared.weights,
        prepared.resamples,
        prepared.level,
        createRng(prepared.seed),
      ),
      level: prepared.level,
    },
    effectiveSampleSize: effectiveSampleSize(prepared.weights),
    samples: terms.length,
    resamples: prepared.resamples,
  };
}
