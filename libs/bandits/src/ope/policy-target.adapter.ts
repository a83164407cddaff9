import type { BanditPolicy } from '../policies/policy.types';
import type { Rng } from '../random/seeded.rng';
import type { TargetPolicy } from './ope.types';

/**
 * A policy as an off-policy evaluation target: its `probabilities`, with `rng` for the policies
 * that estimate them (Thompson sampling). The policy should be the candidate's frozen state:
 * replaying a log evaluates that state, it does not train it.
 */
export function policyAsTarget(policy: BanditPolicy, rng: Rng): TargetPolicy {
  return (context, actions) => policy.probabilities(context, actions, rng);
}
