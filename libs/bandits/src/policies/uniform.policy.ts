import type { Rng } from '../random/seeded.rng';
import { checkActions, checkContext, checkParameter, checkReward } from './policy-input.validation';
import { checkStateHeader } from './policy-state.validation';
import type { BanditPolicy, Context, Decision, UniformState } from './policy.types';

/**
 * Every action with probability 1/K, whatever the context: the holdout that measures what the
 * learning policies add, and the logging policy whose logs any candidate can be evaluated on.
 * It learns nothing; `version` still counts the rewards it was given, like the other policies.
 */
export class UniformPolicy implements BanditPolicy {
  readonly kind = 'uniform';

  constructor(
    readonly dimension: number,
    private updateCount = 0,
  ) {
    checkParameter(
      'uniform dimension',
      dimension,
      (d) => Number.isInteger(d) && d >= 1,
      'a positive integer',
    );
  }

  static fromState(state: UniformState): UniformPolicy {
    const { dimension, version } = checkStateHeader(state, 'uniform');
    return new UniformPolicy(dimension, version);
  }

  get version(): number {
    return this.updateCount;
  }

  choose(context: Context, actions: readonly string[], rng: Rng): Decision {
    checkContext(context, this.dimension);
    checkActions(actions);
    return {
      actionId: actions[rng.int(actions.length)]!,
      propensity: 1 / actions.length,
      scores: Object.fromEntries(actions.map((action) => [action, 0])),
      contributions: new Array<number>(this.dimension).fill(0),
      exploration: 0,
      modelVersion: this.version,
    };
  }

  probabilities(context: Context, actions: readonly string[]): Record<string, number> {
    checkContext(context, this.dimension);
    checkActions(actions);
    return Object.fromEntries(actions.map((action) => [action, 1 / actions.length]));
  }

  update(actionId: string, context: Context, reward: number): void {
    checkActions([actionId]);
    checkContext(context, this.dimension);
    checkReward(reward);
    this.updateCount++;
  }

  removeAction(): boolean {
    return false;
  }

  knownActions(): string[] {
    return [];
  }

  toState(): UniformState {
    return {
      formatVersion: 1,
      kind: this.kind,
      dimension: this.dimension,
      version: this.version,
      params: {},
      arms: {},
    };
  }
}
