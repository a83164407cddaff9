import type { Rng } from '../random/seeded.rng';
import type { LinearArms } from './linear-arms.registry';
import { LinearArmsPolicy, type LinearPolicyTraits } from './linear-arms.policy';
import { checkParameter } from './policy-input.validation';
import type {
  BanditPolicy,
  Context,
  Decision,
  EpsilonGreedyParams,
  EpsilonGreedyState,
} from './policy.types';

export const epsilonGreedyDefaults: EpsilonGreedyParams = { epsilon: 0.1, lambda: 1 };

export function resolveEpsilonGreedyParams(params: Partial<EpsilonGreedyParams>): EpsilonGreedyParams {
  return {
    epsilon: checkParameter(
      'epsilon-greedy epsilon',
      params.epsilon ?? epsilonGreedyDefaults.epsilon,
      (e) => e >= 0 && e <= 1,
      'a number in [0, 1]',
    ),
    lambda: checkParameter(
      'epsilon-greedy lambda',
      params.lambda ?? epsilonGreedyDefaults.lambda,
      (l) => l > 0,
      'a number > 0',
    ),
  };
}

const epsilonGreedyTraits: LinearPolicyTraits<EpsilonGreedyParams> = {
  label: 'epsilon-greedy',
  resolve: resolveEpsilonGreedyParams,
};

/**
 * Epsilon-greedy over per-action ridge regressions of reward on context (a per-action mean model
 * is the special case of a constant-1 context). With K actions and g of them tied for the best
 * expected reward, each greedy action has probability (1 − ε)/g + ε/K and every other ε/K:
 * propensities are exact, which keeps off-policy estimates of its logs free of estimation noise.
 */
export class EpsilonGreedyPolicy
  extends LinearArmsPolicy<'epsilon-greedy', EpsilonGreedyParams>
  implements BanditPolicy
{
  readonly kind = 'epsilon-greedy';

  constructor(dimension: number, params: Partial<EpsilonGreedyParams> = {}, arms?: LinearArms) {
    super(dimension, params, arms, epsilonGreedyTraits);
  }

  static fromState(state: EpsilonGreedyState): EpsilonGreedyPolicy {
    const { dimension, params, arms } = LinearArmsPolicy.restoreParts(
      state,
      'epsilon-greedy',
      ['epsilon', 'lambda'],
      epsilonGreedyTraits,
    );
    return new EpsilonGreedyPolicy(dimension, params, arms);
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    const { x, scores, best: greedy } = this.score(context, actions);
    const chosen =
      rng.next() < this.params.epsilon ? rng.int(actions.length) : greedy[rng.int(greedy.length)]!;
    const actionId = actions[chosen]!;
    return {
      actionId,
      propensity: this.probabilityOf(chosen, greedy, actions.length),
      scores: Object.fromEntries(actions.map((action, i) => [action, scores[i]!])),
      contributions: this.arms.modelOf(actionId).contributions(x),
      exploration: 0,
      modelVersion: this.version,
    };
  }

  probabilities(context: Context, actions: readonly string[]): Record<string, number> {
    const { best: greedy } = this.score(context, actions);
    return Object.fromEntries(
      actions.map((action, i) => [action, this.probabilityOf(i, greedy, actions.length)]),
    );
  }

  private probabilityOf(index: number, greedy: number[], count: number): number {
    const explore = this.params.epsilon / count;
    return greedy.includes(index) ? (1 - this.params.epsilon) / greedy.length + explore : explore;
  }

  private score(context: Context, actions: readonly string[]) {
    return this.scoreActions(context, actions, (model, x) => model.expectedReward(x));
  }
}
