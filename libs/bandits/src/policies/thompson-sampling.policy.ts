import { dot } from '../linalg/dense-matrix.math';
import { solveTransposedLower } from '../linalg/factorisation.math';
import type { Rng } from '../random/seeded.rng';
import type { LinearArms } from './linear-arms.registry';
import { LinearArmsPolicy, type LinearPolicyTraits } from './linear-arms.policy';
import { checkParameter } from './policy-input.validation';
import type {
  BanditPolicy,
  Context,
  Decision,
  ThompsonSamplingParams,
  ThompsonSamplingState,
} from './policy.types';

export const thompsonSamplingDefaults: ThompsonSamplingParams = {
  v: 0.25,
  lambda: 1,
  propensitySamples: 100,
};

export function resolveThompsonSamplingParams(
  params: Partial<ThompsonSamplingParams>,
): ThompsonSamplingParams {
  return {
    v: checkParameter(
      'Thompson sampling v',
      params.v ?? thompsonSamplingDefaults.v,
      (v) => v >= 0,
      'a number ≥ 0',
    ),
    lambda: checkParameter(
      'Thompson sampling lambda',
      params.lambda ?? thompsonSamplingDefaults.lambda,
      (l) => l > 0,
      'a number > 0',
    ),
    propensitySamples: checkParameter(
      'Thompson sampling propensitySamples',
      params.propensitySamples ?? thompsonSamplingDefaults.propensitySamples,
      (m) => Number.isInteger(m) && m >= 1,
      'an integer ≥ 1',
    ),
  };
}

const thompsonSamplingTraits: LinearPolicyTraits<ThompsonSamplingParams> = {
  label: 'Thompson sampling',
  resolve: resolveThompsonSamplingParams,
};

/** Posterior of one action's θ: mean B⁻¹f and covariance v²B⁻¹ (row-major rows). */
export interface LinearPosterior {
  mean: number[];
  covariance: number[][];
}

/**
 * Linear Thompson sampling (Agrawal & Goyal 2013, Algorithm 1) with one disjoint model per
 * action: B = λI + Σ x xᵀ, f = Σ r x, θ ~ N(B⁻¹f, v²B⁻¹), and the action whose sampled θᵀx is
 * highest wins. θ is drawn as μ + v·L⁻ᵀz with B = LLᵀ (z standard normal), whose covariance is
 * v²L⁻ᵀL⁻¹ = v²B⁻¹; factorising B rather than B⁻¹ uses the exact running sum, and the factor is
 * cached until the action's next update.
 *
 * The probability of a choice has no closed form (the argmax of K Gaussians), so the propensity
 * is a Monte-Carlo estimate over `propensitySamples` posterior draws, the deciding draw included:
 * the chosen action's propensity is then at least 1/propensitySamples, never the 0 that would
 * break importance weighting, at the cost of a small upward bias for rarely chosen actions.
 * With disjoint models and one shared x, θₐᵀx is exactly N(μₐᵀx, v²·xᵀBₐ⁻¹x), independently per
 * action, so each extra draw costs one normal per action instead of a d-dimensional sample.
 */
export class ThompsonSamplingPolicy
  extends LinearArmsPolicy<'thompson-sampling', ThompsonSamplingParams>
  implements BanditPolicy
{
  readonly kind = 'thompson-sampling';
  private readonly standardNormal: Float64Array;
  private readonly deviation: Float64Array;

  constructor(dimension: number, params: Partial<ThompsonSamplingParams> = {}, arms?: LinearArms) {
    super(dimension, params, arms, thompsonSamplingTraits);
    this.standardNormal = new Float64Array(dimension);
    this.deviation = new Float64Array(dimension);
  }

  static fromState(state: ThompsonSamplingState): ThompsonSamplingPolicy {
    const { dimension, params, arms } = LinearArmsPolicy.restoreParts(
      state,
      'thompson-sampling',
      ['v', 'lambda', 'propensitySamples'],
      thompsonSamplingTraits,
    );
    return new ThompsonSamplingPolicy(dimension, params, arms);
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    const x = this.checkInputs(context, actions);
    const count = actions.length;
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) scores[i] = dot(this.drawTheta(actions[i]!, rng), x, this.dimension);
    const chosen = argmaxRandomTies(scores, count, rng);

    const { means, spreads } = this.marginals(x, actions);
    const draw = new Float64Array(count);
    let wins = 1;
    for (let sample = 1; sample < this.params.propensitySamples; sample++) {
      for (let i = 0; i < count; i++) draw[i] = means[i]! + spreads[i]! * rng.normal();
      if (argmaxRandomTies(draw, count, rng) === chosen) wins++;
    }

    const actionId = actions[chosen]!;
    const contributions = this.arms.modelOf(actionId).contributions(x);
    return {
      actionId,
      propensity: wins / this.params.propensitySamples,
      scores: Object.fromEntries(actions.map((action, i) => [action, scores[i]!])),
      contributions,
      exploration: scores[chosen]! - means[chosen]!,
      modelVersion: this.version,
    };
  }

  /** Monte-Carlo estimate over `propensitySamples` draws; sums to exactly 1. */
  probabilities(context: Context, actions: readonly string[], rng: Rng): Record<string, number> {
    const x = this.checkInputs(context, actions);
    const count = actions.length;
    const { means, spreads } = this.marginals(x, actions);
    const wins = new Float64Array(count);
    const draw = new Float64Array(count);
    for (let sample = 0; sample < this.params.propensitySamples; sample++) {
      for (let i = 0; i < count; i++) draw[i] = means[i]! + spreads[i]! * rng.normal();
      wins[argmaxRandomTies(draw, count, rng)]!++;
    }
    return Object.fromEntries(actions.map((action, i) => [action, wins[i]! / this.params.propensitySamples]));
  }

  /** The closed-form posterior of an action's θ (the prior N(0, v²/λ·I) for an unseen action). */
  posterior(actionId: string): LinearPosterior {
    const model = this.arms.modelOf(actionId);
    const variance = this.params.v * this.params.v;
    const covariance: number[][] = [];
    for (let row = 0; row < this.dimension; row++) {
      covariance.push(
        Array.from(
          model.aInverse.subarray(row * this.dimension, (row + 1) * this.dimension),
          (value) => variance * value,
        ),
      );
    }
    return { mean: Array.from(model.theta()), covariance };
  }

  /** One draw θ̃ ~ N(B⁻¹f, v²B⁻¹) for an action; the returned buffer is reused by the next call. */
  drawTheta(actionId: string, rng: Rng): Float64Array {
    const model = this.arms.modelOf(actionId);
    const mean = model.theta();
    for (let i = 0; i < this.dimension; i++) this.standardNormal[i] = rng.normal();
    solveTransposedLower(model.choleskyOfA(), this.standardNormal, this.dimension, this.deviation);
    for (let i = 0; i < this.dimension; i++)
      this.deviation[i] = mean[i]! + this.params.v * this.deviation[i]!;
    return this.deviation;
  }

  private marginals(x: Context, actions: readonly string[]): { means: Float64Array; spreads: Float64Array } {
    const means = new Float64Array(actions.length);
    const spreads = new Float64Array(actions.length);
    for (let i = 0; i < actions.length; i++) {
      const model = this.arms.modelOf(actions[i]!);
      means[i] = model.expectedReward(x);
      spreads[i] = this.params.v * Math.sqrt(model.uncertainty(x));
    }
    return { means, spreads };
  }
}

/**
 * Index of the largest value; exact ties (v = 0, or untrained actions) are broken uniformly by
 * reservoir sampling so that no action wins merely by its position in the list.
 */
function argmaxRandomTies(values: Float64Array, count: number, rng: Rng): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < count; i++) {
    if (values[i]! > values[best]!) {
      best = i;
      ties = 1;
    } else if (values[i] === values[best]) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return best;
}
