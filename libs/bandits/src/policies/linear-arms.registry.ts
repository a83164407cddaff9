import { BanditError } from '../bandit.errors';
import { LinearArm } from './linear-arm.model';
import { checkContext, checkReward } from './policy-input.validation';
import type { Context, LinearArmState } from './policy.types';

/**
 * The disjoint per-action models of one policy. Models are created on an action's first reward,
 * so adding an action never touches the others, and removing one forgets only its own model.
 * Actions without a model are scored with the shared prior (A = λI, b = 0), which keeps
 * `choose` free of writes: replicas can decide from the same stored state concurrently.
 */
export class LinearArms {
  private readonly prior: LinearArm;
  private readonly scratch: Float64Array;

  constructor(
    readonly dimension: number,
    readonly lambda: number,
    private readonly arms = new Map<string, LinearArm>(),
    private updateCount = 0,
  ) {
    this.prior = LinearArm.prior(dimension, lambda);
    this.scratch = new Float64Array(dimension);
  }

  static fromState(
    dimension: number,
    lambda: number,
    version: number,
    arms: Record<string, LinearArmState>,
  ): LinearArms {
    if (typeof arms !== 'object' || arms === null || Array.isArray(arms)) {
      throw new BanditError('INVALID_STATE', 'policy state "arms" must be an object keyed by action id');
    }
    const models = new Map<string, LinearArm>();
    for (const [actionId, armState] of Object.entries(arms))
      models.set(actionId, LinearArm.fromState(armState, dimension, actionId));
    return new LinearArms(dimension, lambda, models, version);
  }

  get version(): number {
    return this.updateCount;
  }

  /** The action's model, or the prior when it has never been rewarded. Do not update the result. */
  modelOf(actionId: string): LinearArm {
    return this.arms.get(actionId) ?? this.prior;
  }

  update(actionId: string, context: Context, reward: number): void {
    if (typeof actionId !== 'string' || actionId.length === 0) {
      throw new BanditError(
        'INVALID_ACTIONS',
        `update needs the id of the rewarded action, got ${JSON.stringify(actionId)}`,
      );
    }
    const x = checkContext(context, this.dimension);
    checkReward(reward);
    let arm = this.arms.get(actionId);
    if (!arm) {
      arm = LinearArm.prior(this.dimension, this.lambda);
      this.arms.set(actionId, arm);
    }
    arm.update(x, reward, this.scratch);
    this.updateCount++;
  }

  remove(actionId: string): boolean {
    return this.arms.delete(actionId);
  }

  ids(): string[] {
    return [...this.arms.keys()];
  }

  toState(): Record<string, LinearArmState> {
    return Object.fromEntries([...this.arms].map(([actionId, arm]) => [actionId, arm.toState()]));
  }
}
