import type { Context } from '../policies/policy.types';

/** One logged decision with its outcome: what off-policy evaluation replays. */
export interface LoggedDecision {
  context: Context;
  action: string;
  reward: number;
  /** Probability with which the logging policy chose `action`, in (0, 1]. */
  propensity: number;
}

/** The candidate policy to evaluate: the probability of each action for a context. */
export type TargetPolicy = (context: Context, actions: readonly string[]) => Readonly<Record<string, number>>;

/** Predicted reward of an action in a context (the direct-method part of doubly robust). */
export type RewardModel = (context: Context, action: string) => number;

export interface EstimateOptions {
  /** The action set the target policy chooses from; defaults to the actions seen in the log, in order of first appearance. */
  actions?: readonly string[];
  /** Bootstrap resamples for the interval (default 1000). */
  resamples?: number;
  /** Seed of the bootstrap, so an interval is reproducible (default 1). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
}

export interface OffPolicyEstimate {
  estimator: 'ips' | 'snips' | 'doubly-robust';
  /** Estimated average reward per decision of the target policy. */
  value: number;
  /** Percentile bootstrap interval of `value`. */
  interval: { lower: number; upper: number; level: number };
  /**
   * (Σw)²/Σw² over the importance weights w = π(a|x)/propensity: how many decisions from the
   * target policy the log is worth. Far below `samples` means the estimate rests on few records.
   */
  effectiveSampleSize: number;
  samples: number;
  resamples: number;
}
