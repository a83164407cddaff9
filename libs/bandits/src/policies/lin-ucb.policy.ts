import type { Rng } from '../random/seeded.rng';
import type { LinearArms } from './linear-arms.registry';
import { LinearArmsPolicy, type LinearPolicyTraits } from './linear-arms.policy';
import { checkParameter } from './policy-input.validation';
import type { BanditPolicy, Context, Decision, LinUcbParams, LinUcbState } from './policy.types';

export const linUcbDefaults: LinUcbParams = { alpha: 1, lambda: 1 };

export function resolveLinUcbParams(params: Partial<LinUcbParams>): LinUcbParams {
  return {
    alpha: checkParameter(
      'LinUCB alpha',
      params.alpha ?? linUcbDefaults.alpha,
      (a) => a >= 0,
      'a number ≥ 0',
    ),
    lambda: checkParameter(
      'LinUCB lambda',
      params.lambda ?? linUcbDefaults.lambda,
      (l) => l > 0,
      'a number > 0',
    ),
  };
}

const linUcbTraits: LinearPolicyTraits<LinUcbParams> = { label: 'LinUCB', resolve: resolveLinUcbParams };

/**
 * Disjoint LinUCB (Li et al. 2010, Algorithm 1): each action a scores
 * θₐᵀx + α·√(xᵀAₐ⁻¹x), the upper confidence bound of its ridge estimate, and the highest wins.
 * The choice is deterministic, so the propensity is 1, or 1/k when k actions tie (the rng
 * breaks the tie, and off-policy evaluation sees the true probability).
 */
export class LinUcbPolicy extends LinearArmsPolicy<'lin-ucb', LinUcbParams> implements BanditPolicy {
  readonly kind = 'lin-ucb';

  constructor(dimension: number, params: Partial<LinUcbParams> = {}, arms?: LinearArms) {
    super(dimension, params, arms, linUcbTraits);
  }

  static fromState(state: LinUcbState): LinUcbPolicy {
    const { dimension, params, arms } = LinearArmsPolicy.restoreParts(
      state,
      'lin-ucb',
      ['alpha', 'lambda'],
      linUcbTraits,
    );
    return new LinUcbPolicy(dimension, params, arms);
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    const { x, scores, best: tied } = this.score(context, actions);
    const chosen = tied.length === 1 ? tied[0]! : tied[rng.int(tied.length)]!;
    const actionId = actions[chosen]!;
    const model = this.arms.modelOf(actionId);
    const contributions = model.contributions(x);
    return {
      actionId,
      propensity: 1 / tied.length,
      scores: Object.fromEntries(actions.map((action, i) => [action, scores[i]!])),
      contributions,
      exploration: this.params.alpha * Math.sqrt(model.uncertainty(x)),
      modelVersion: this.version,
    };
  }

  probabilities(context: Context, actions: readonly string[]): Record<string, number> {
    const { best: tied } = this.score(context, actions);
    const probabilities = Object.fromEntries(actions.map((action) => [action, 0]));
    for (const index of tied) probabilities[actions[index]!] = 1 / tied.length;
    return probabilities;
  }

  private score(context: Context, actions: readonly string[]) {
    return this.scoreActions(
      context,
      actions,
      (model, x) => model.expectedReward(x) + this.params.alpha * Math.sqrt(model.uncertainty(x)),
    );
  }
}
