import type { Rng } from '../random/seeded.rng';

/** A context vector: the features the service built for one user at one decision point. */
export type Context = Float64Array | readonly number[];

export type PolicyKind = 'lin-ucb' | 'thompson-sampling' | 'epsilon-greedy' | 'uniform';

export interface Decision {
  actionId: string;
  /** Probability with which this policy picks `actionId` for this context; what off-policy evaluation divides by. */
  propensity: number;
  /** The score every candidate action got; the chosen action has the highest, except under epsilon-greedy or uniform exploration. */
  scores: Record<string, number>;
  /**
   * θᵢ·xᵢ for each feature i of the chosen action's expected-reward model (posterior mean for
   * Thompson sampling): which features pushed the choice, in the context's feature order.
   */
  contributions: number[];
  /** The part of the chosen action's score that is exploration: score − Σ contributions. */
  exploration: number;
  /** The policy's version (number of updates applied) when it decided. */
  modelVersion: number;
}

export interface BanditPolicy {
  readonly kind: PolicyKind;
  /** Number of context features every call must supply. */
  readonly dimension: number;
  /** Incremented by every update: identifies the model a decision was taken with. */
  readonly version: number;
  /** Picks one of `actions` for the context. Never mutates the policy: only `update` learns. */
  choose(context: Context, actions: readonly string[], rng: Rng): Decision;
  /** The probability of each action for the context; sums to 1 over `actions`. */
  probabilities(context: Context, actions: readonly string[], rng: Rng): Record<string, number>;
  /** Learns from one observed reward; an action never seen before gets a fresh model. */
  update(actionId: string, context: Context, reward: number): void;
  /** Forgets a retired action's model; the other actions keep theirs. Returns whether it existed. */
  removeAction(actionId: string): boolean;
  /** Actions that have a learned model. */
  knownActions(): string[];
  /** Plain JSON (numbers and arrays only), suitable for Redis or a Postgres jsonb column. */
  toState(): PolicyState;
}

export interface LinUcbParams {
  /** Width of the confidence bound: score = θᵀx + α·√(xᵀA⁻¹x) (Li et al. 2010, eq. 5). */
  alpha: number;
  /** Ridge regulariser: A starts as λI. */
  lambda: number;
}

export interface ThompsonSamplingParams {
  /** Posterior scale v: θ ~ N(B⁻¹f, v²B⁻¹) (Agrawal & Goyal 2013, Algorithm 1). */
  v: number;
  /** Ridge regulariser: B starts as λI. */
  lambda: number;
  /** Posterior draws used to estimate a choice's propensity, the deciding draw included. */
  propensitySamples: number;
}

export interface EpsilonGreedyParams {
  /** Share of decisions explored uniformly at random, in [0, 1]. */
  epsilon: number;
  /** Ridge regulariser of the per-action linear reward model. */
  lambda: number;
}

export type UniformParams = Record<string, never>;

/**
 * One action's ridge regression in Li et al.'s notation: A = λI + Σ x xᵀ, b = Σ r x, and A⁻¹
 * kept incrementally. Matrices are row-major, length dimension².
 */
export interface LinearArmState {
  a: number[];
  aInverse: number[];
  b: number[];
  updates: number;
}

export interface PolicyStateOf<K extends PolicyKind, P> {
  formatVersion: 1;
  kind: K;
  dimension: number;
  version: number;
  params: P;
  arms: Record<string, LinearArmState>;
}

export type LinUcbState = PolicyStateOf<'lin-ucb', LinUcbParams>;
export type ThompsonSamplingState = PolicyStateOf<'thompson-sampling', ThompsonSamplingParams>;
export type EpsilonGreedyState = PolicyStateOf<'epsilon-greedy', EpsilonGreedyParams>;
export type UniformState = PolicyStateOf<'uniform', UniformParams>;
export type PolicyState = LinUcbState | ThompsonSamplingState | EpsilonGreedyState | UniformState;

/** What a decision point configures; omitted parameters take the documented defaults. */
export type PolicyConfig =
  | ({ kind: 'lin-ucb'; dimension: number } & Partial<LinUcbParams>)
  | ({ kind: 'thompson-sampling'; dimension: number } & Partial<ThompsonSamplingParams>)
  | ({ kind: 'epsilon-greedy'; dimension: number } & Partial<EpsilonGreedyParams>)
  | { kind: 'uniform'; dimension: number };
