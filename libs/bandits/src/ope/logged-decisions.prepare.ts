import { BanditError } from '../bandit.errors';
import { checkParameter } from '../policies/policy-input.validation';
import type { EstimateOptions, LoggedDecision, TargetPolicy } from './ope.types';

/** What every estimator needs from a log once: weights, rewards, and the target's probabilities. */
export interface PreparedLog {
  actions: readonly string[];
  rewards: Float64Array;
  /** Importance weights π(aᵢ|xᵢ)/pᵢ. */
  weights: Float64Array;
  /** The target's probability of every action (in `actions` order) for each record, row-major. */
  targetProbabilities: Float64Array;
  resamples: number;
  seed: number;
  level: number;
}

const probabilitySumTolerance = 1e-6;

export function prepareLog(
  log: readonly LoggedDecision[],
  target: TargetPolicy,
  options: EstimateOptions,
): PreparedLog {
  if (!Array.isArray(log) || log.length === 0) {
    throw new BanditError(
      'INVALID_LOG',
      'the log is empty; off-policy evaluation needs at least one logged decision',
    );
  }
  const resamples = checkParameter(
    'resamples',
    options.resamples ?? 1000,
    (r) => Number.isInteger(r) && r >= 1,
    'an integer ≥ 1',
  );
  const level = checkParameter('level', options.level ?? 0.95, (l) => l > 0 && l < 1, 'a number in (0, 1)');
  const seed = checkParameter('seed', options.seed ?? 1, Number.isInteger, 'an integer');
  const actions = options.actions ?? [...new Set(log.map((record) => record.action))];
  const actionIndex = new Map(actions.map((action, i) => [action, i]));

  const rewards = new Float64Array(log.length);
  const weights = new Float64Array(log.length);
  const targetProbabilities = new Float64Array(log.length * actions.length);
  log.forEach((record, row) => {
    const where = `log record ${row}`;
    const logged = actionIndex.get(record.action);
    if (logged === undefined) {
      throw new BanditError(
        'INVALID_LOG',
        `${where}: action "${record.action}" is not in the evaluated action set [${actions.join(', ')}]; add it to options.actions`,
      );
    }
    if (!(record.propensity > 0 && record.propensity <= 1)) {
      throw new BanditError(
        'INVALID_LOG',
        `${where}: propensity must be in (0, 1], got ${String(record.propensity)}; records without a logged propensity cannot be evaluated`,
      );
    }
    if (!Number.isFinite(record.reward)) {
      throw new BanditError(
        'INVALID_LOG',
        `${where}: reward must be a finite number, got ${String(record.reward)}; apply the default reward before evaluating`,
      );
    }
    const probabilities = target(record.context, actions);
    let sum = 0;
    actions.forEach((action, column) => {
      const probability = probabilities[action] ?? 0;
      if (!(probability >= 0 && probability <= 1)) {
        throw new BanditError(
          'INVALID_PARAMETER',
          `${where}: the target policy gave action "${action}" probability ${String(probability)}; probabilities must lie in [0, 1]`,
        );
      }
      targetProbabilities[row * actions.length + column] = probability;
      sum += probability;
    });
    if (Math.abs(sum - 1) > probabilitySumTolerance) {
      throw new BanditError(
        'INVALID_PARAMETER',
        `${where}: the target policy's probabilities sum to ${sum} over [${actions.join(', ')}], not 1`,
      );
    }
    rewards[row] = record.reward;
    weights[row] = targetProbabilities[row * actions.length + logged]! / record.propensity;
  });
  return { actions, rewards, weights, targetProbabilities, resamples, seed, level };
}

export function effectiveSampleSize(weights: Float64Array): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (const weight of weights) {
    sum += weight;
    sumOfSquares += weight * weight;
  }
  return sumOfSquares === 0 ? 0 : (sum * sum) / sumOfSquares;
}
