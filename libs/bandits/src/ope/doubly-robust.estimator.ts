import { createRng } from '../random/seeded.rng';
import { bootstrapRatioInterval } from './bootstrap.interval';
import { effectiveSampleSize, prepareLog } from './logged-decisions.prepare';
import type {
  EstimateOptions,
  LoggedDecision,
  OffPolicyEstimate,
  RewardModel,
  TargetPolicy,
} from './ope.types';

/**
 * Doubly robust (Dudík, Langford & Li 2011, eq. 3):
 * V̂ = (1/n) Σ [ Σₐ π(a|xᵢ) r̂(xᵢ,a) + wᵢ (rᵢ − r̂(xᵢ,aᵢ)) ].
 * Unbiased if either the propensities or the reward model are right; the better r̂, the less of
 * the reward the importance weights have to carry, so the lower the variance. With r̂ ≡ 0 it is
 * IPS.
 */
export function estimateDoublyRobust(
  log: readonly LoggedDecision[],
  target: TargetPolicy,
  rewardModel: RewardModel,
  options: EstimateOptions = {},
): OffPolicyEstimate {
  const prepared = prepareLog(log, target, options);
  const { actions, targetProbabilities } = prepared;
  const terms = new Float64Array(log.length);
  let sum = 0;
  log.forEach((record, row) => {
    let direct = 0;
    actions.forEach((action, column) => {
      const probability = targetProbabilities[row * actions.length + column]!;
      if (probability > 0) direct += probability * rewardModel(record.context, action);
    });
    const correction = prepared.weights[row]! * (record.reward - rewardModel(record.context, record.action));
    terms[row] = direct + correction;
    sum += terms[row]!;
  });
  const ones = new Float64Array(terms.length).fill(1);
  return {
    estimator: 'doubly-robust',
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
