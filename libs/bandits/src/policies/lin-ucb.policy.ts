import type { Rng } from '../random/seeded.rng';
import { LinearArms } from './linear-arms.registry';
import { checkActions, checkContext, checkParameter } from './policy-input.validation';
import { checkStateHeader, requireNumericParams } from './policy-state.validation';
import type { BanditPolicy, Context, Decision, LinUcbParams, LinUcbState } from './policy.types';
import { tiedBest } from './tied-best.select';

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

/**
 * Disjoint LinUCB (Li et al. 2010, Algorithm 1): each action a scores
 * θₐᵀx + α·√(xᵀAₐ⁻¹x), the upper confidence bound of its ridge estimate, and the highest wins.
 * The choice is deterministic, so the propensity is 1, or 1/k when k actions tie (the rng
 * breaks the tie, and off-policy evaluation sees the true probability).
 */
export class LinUcbPolicy implements BanditPolicy {
  readonly kind = 'lin-ucb';
  readonly params: LinUcbParams;
  private readonly arms: LinearArms;

  constructor(
    readonly dimension: number,
    params: Partial<LinUcbParams> = {},
    arms?: LinearArms,
  ) {
    checkParameter('LinUCB dimension', dimension, (d) => Number.isInteger(d) && d >= 1, 'a positive integer');
    this.params = resolveLinUcbParams(params);
    this.arms = arms ?? new LinearArms(dimension, this.params.lambda);
  }

  static fromState(state: LinUcbState): LinUcbPolicy {
    const { dimension, version, params } = checkStateHeader(state, 'lin-ucb');
    requireNumericParams(params, ['alpha', 'lambda'], 'lin-ucb');
    const resolved = resolveLinUcbParams(params);
    return new LinUcbPolicy(
      dimension,
      resolved,
      LinearArms.fromState(dimension, resolved.lambda, version, state.arms),
    );
  }

  get version(): number {
    return this.arms.version;
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    const { x, scores, tied } = this.score(context, actions);
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
    const { tied } = this.score(context, actions);
    const probabilities = Object.fromEntries(actions.map((action) => [action, 0]));
    for (const index of tied) probabilities[actions[index]!] = 1 / tied.length;
    return probabilities;
  }

  update(actionId: string, context: Context, reward: number): void {
    this.arms.update(actionId, context, reward);
  }

  removeAction(actionId: string): boolean {
    return this.arms.remove(actionId);
  }

  knownActions(): string[] {
    return this.arms.ids();
  }

  toState(): LinUcbState {
    return {
      formatVersion: 1,
      kind: this.kind,
      dimension: this.dimension,
      version: this.version,
      params: { ...this.params },
      arms: this.arms.toState(),
    };
  }

  private score(
    context: Context,
    actions: readonly string[],
  ): { x: Context; scores: Float64Array; tied: number[] } {
    const x = checkContext(context, this.dimension);
    checkActions(actions);
    const scores = new Float64Array(actions.length);
    for (let i = 0; i < actions.length; i++) {
      const model = this.arms.modelOf(actions[i]!);
      scores[i] = model.expectedReward(x) + this.params.alpha * Math.sqrt(model.uncertainty(x));
    }
    return { x, scores, tied: tiedBest(scores, actions.length) };
  }
}
