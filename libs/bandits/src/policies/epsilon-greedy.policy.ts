import type { Rng } from '../random/seeded.rng';
import { LinearArms } from './linear-arms.registry';
import { checkActions, checkContext, checkParameter } from './policy-input.validation';
import { checkStateHeader, requireNumericParams } from './policy-state.validation';
import type {
  BanditPolicy,
  Context,
  Decision,
  EpsilonGreedyParams,
  EpsilonGreedyState,
} from './policy.types';
import { tiedBest } from './tied-best.select';

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

/**
 * Epsilon-greedy over per-action ridge regressions of reward on context (a per-action mean model
 * is the special case of a constant-1 context). With K actions and g of them tied for the best
 * expected reward, each greedy action has probability (1 − ε)/g + ε/K and every other ε/K:
 * propensities are exact, which keeps off-policy estimates of its logs free of estimation noise.
 */
export class EpsilonGreedyPolicy implements BanditPolicy {
  readonly kind = 'epsilon-greedy';
  readonly params: EpsilonGreedyParams;
  private readonly arms: LinearArms;

  constructor(
    readonly dimension: number,
    params: Partial<EpsilonGreedyParams> = {},
    arms?: LinearArms,
  ) {
    checkParameter(
      'epsilon-greedy dimension',
      dimension,
      (d) => Number.isInteger(d) && d >= 1,
      'a positive integer',
    );
    this.params = resolveEpsilonGreedyParams(params);
    this.arms = arms ?? new LinearArms(dimension, this.params.lambda);
  }

  static fromState(state: EpsilonGreedyState): EpsilonGreedyPolicy {
    const { dimension, version, params } = checkStateHeader(state, 'epsilon-greedy');
    requireNumericParams(params, ['epsilon', 'lambda'], 'epsilon-greedy');
    const resolved = resolveEpsilonGreedyParams(params);
    return new EpsilonGreedyPolicy(
      dimension,
      resolved,
      LinearArms.fromState(dimension, resolved.lambda, version, state.arms),
    );
  }

  get version(): number {
    return this.arms.version;
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    const { x, scores, greedy } = this.score(context, actions);
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
    const { greedy } = this.score(context, actions);
    return Object.fromEntries(
      actions.map((action, i) => [action, this.probabilityOf(i, greedy, actions.length)]),
    );
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

  toState(): EpsilonGreedyState {
    return {
      formatVersion: 1,
      kind: this.kind,
      dimension: this.dimension,
      version: this.version,
      params: { ...this.params },
      arms: this.arms.toState(),
    };
  }

  private probabilityOf(index: number, greedy: number[], count: number): number {
    const explore = this.params.epsilon / count;
    return greedy.includes(index) ? (1 - this.params.epsilon) / greedy.length + explore : explore;
  }

  private score(
    context: Context,
    actions: readonly string[],
  ): { x: Context; scores: Float64Array; greedy: number[] } {
    const x = checkContext(context, this.dimension);
    checkActions(actions);
    const scores = new Float64Array(actions.length);
    for (let i = 0; i < actions.length; i++) scores[i] = this.arms.modelOf(actions[i]!).expectedReward(x);
    return { x, scores, greedy: tiedBest(scores, actions.length) };
  }
}
