import type { Rng } from '../random/seeded.rng';
import type { LinearArm } from './linear-arm.model';
import { LinearArms } from './linear-arms.registry';
import { checkActions, checkContext, checkParameter } from './policy-input.validation';
import { checkStateHeader, requireNumericParams } from './policy-state.validation';
import type { Context, Decision, PolicyKind, PolicyStateOf } from './policy.types';
import { tiedBest } from './tied-best.select';

/** How a linear policy names itself in errors and turns given parameters into complete ones. */
export interface LinearPolicyTraits<P extends { lambda: number }> {
  /** e.g. "LinUCB": prefixes "<label> dimension must be …". */
  label: string;
  /** Fills defaults and checks every parameter (throws BanditError INVALID_PARAMETER). */
  resolve(params: Partial<P>): P;
}

/**
 * What LinUCB, linear Thompson sampling and epsilon-greedy share: one disjoint ridge model per
 * action (`LinearArms`), the checks on their inputs, the state plumbing (version, update, action
 * retirement, toState/fromState) and scoring every action with a per-action formula. Subclasses
 * say only how they choose and with what probability, and declare `implements BanditPolicy` (the
 * state type is only a member of the PolicyState union once K and P are concrete).
 */
export abstract class LinearArmsPolicy<K extends PolicyKind, P extends { lambda: number }> {
  abstract readonly kind: K;
  readonly params: P;
  protected readonly arms: LinearArms;

  protected constructor(
    readonly dimension: number,
    params: Partial<P>,
    arms: LinearArms | undefined,
    traits: LinearPolicyTraits<P>,
  ) {
    checkParameter(
      `${traits.label} dimension`,
      dimension,
      (d) => Number.isInteger(d) && d >= 1,
      'a positive integer',
    );
    this.params = traits.resolve(params);
    this.arms = arms ?? new LinearArms(dimension, this.params.lambda);
  }

  /**
   * The dimension, parameters and per-action models of a stored state of `kind`. Stored
   * parameters are never defaulted (requireNumericParams): a missing one means a foreign snapshot.
   */
  protected static restoreParts<P extends { lambda: number }>(
    state: PolicyStateOf<PolicyKind, P>,
    kind: PolicyKind,
    numericParams: ReadonlyArray<keyof P & string>,
    traits: LinearPolicyTraits<P>,
  ): { dimension: number; params: P; arms: LinearArms } {
    const header = checkStateHeader(state, kind);
    requireNumericParams(header.params, numericParams, kind);
    const params = traits.resolve(header.params as Partial<P>);
    const arms = LinearArms.fromState(header.dimension, params.lambda, header.version, state.arms);
    return { dimension: header.dimension, params, arms };
  }

  get version(): number {
    return this.arms.version;
  }

  abstract choose(context: Context, actions: readonly string[], rng: Rng): Decision;

  abstract probabilities(context: Context, actions: readonly string[], rng: Rng): Record<string, number>;

  update(actionId: string, context: Context, reward: number): void {
    this.arms.update(actionId, context, reward);
  }

  removeAction(actionId: string): boolean {
    return this.arms.remove(actionId);
  }

  knownActions(): string[] {
    return this.arms.ids();
  }

  toState(): PolicyStateOf<K, P> {
    return {
      formatVersion: 1,
      kind: this.kind,
      dimension: this.dimension,
      version: this.version,
      params: { ...this.params },
      arms: this.arms.toState(),
    };
  }

  /** The context and actions, checked: every public entry point that reads them starts here. */
  protected checkInputs(context: Context, actions: readonly string[]): Context {
    const x = checkContext(context, this.dimension);
    checkActions(actions);
    return x;
  }

  /**
   * Every action's score under `scoreOf` (unseen actions are scored with the prior) and the
   * indexes tied for the best.
   */
  protected scoreActions(
    context: Context,
    actions: readonly string[],
    scoreOf: (model: LinearArm, x: Context) => number,
  ): { x: Context; scores: Float64Array; best: number[] } {
    const x = this.checkInputs(context, actions);
    const scores = new Float64Array(actions.length);
    for (let i = 0; i < actions.length; i++) scores[i] = scoreOf(this.arms.modelOf(actions[i]!), x);
    return { x, scores, best: tiedBest(scores, actions.length) };
  }
}
