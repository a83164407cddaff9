import { BanditError } from '../bandit.errors';
import { EpsilonGreedyPolicy } from './epsilon-greedy.policy';
import { LinUcbPolicy } from './lin-ucb.policy';
import type { BanditPolicy, PolicyConfig, PolicyState } from './policy.types';
import { ThompsonSamplingPolicy } from './thompson-sampling.policy';
import { UniformPolicy } from './uniform.policy';

/** Builds a fresh policy from a decision point's configuration. */
export function createPolicy(config: PolicyConfig): BanditPolicy {
  switch (config.kind) {
    case 'lin-ucb':
      return new LinUcbPolicy(config.dimension, config);
    case 'thompson-sampling':
      return new ThompsonSamplingPolicy(config.dimension, config);
    case 'epsilon-greedy':
      return new EpsilonGreedyPolicy(config.dimension, config);
    case 'uniform':
      return new UniformPolicy(config.dimension);
    default:
      throw unknownKind((config as { kind?: unknown }).kind);
  }
}

/** Rebuilds a policy from what its `toState()` returned (e.g. after JSON.parse from Redis). */
export function restorePolicy(state: PolicyState): BanditPolicy {
  switch (state?.kind) {
    case 'lin-ucb':
      return LinUcbPolicy.fromState(state);
    case 'thompson-sampling':
      return ThompsonSamplingPolicy.fromState(state);
    case 'epsilon-greedy':
      return EpsilonGreedyPolicy.fromState(state);
    case 'uniform':
      return UniformPolicy.fromState(state);
    default:
      throw unknownKind((state as { kind?: unknown } | null)?.kind);
  }
}

function unknownKind(kind: unknown): BanditError {
  return new BanditError(
    'INVALID_PARAMETER',
    `unknown policy kind ${JSON.stringify(kind)}; use one of "lin-ucb", "thompson-sampling", "epsilon-greedy", "uniform"`,
  );
}
