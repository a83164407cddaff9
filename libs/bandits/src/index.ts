export { BanditError, type BanditErrorCode } from './bandit.errors';
export { createRng, type Rng } from './random/seeded.rng';

export type {
  BanditPolicy,
  Context,
  Decision,
  EpsilonGreedyParams,
  EpsilonGreedyState,
  LinearArmState,
  LinUcbParams,
  LinUcbState,
  PolicyConfig,
  PolicyKind,
  PolicyState,
  ThompsonSamplingParams,
  ThompsonSamplingState,
  UniformParams,
  UniformState,
} from './policies/policy.types';
export { LinUcbPolicy, linUcbDefaults } from './policies/lin-ucb.policy';
export {
  ThompsonSamplingPolicy,
  thompsonSamplingDefaults,
  type LinearPosterior,
} from './policies/thompson-sampling.policy';
export { EpsilonGreedyPolicy, epsilonGreedyDefaults } from './policies/epsilon-greedy.policy';
export { UniformPolicy } from './policies/uniform.policy';
export { createPolicy, restorePolicy } from './policies/policy.factory';

export type {
  EstimateOptions,
  LoggedDecision,
  OffPolicyEstimate,
  RewardModel,
  TargetPolicy,
} from './ope/ope.types';
export { estimateIps } from './ope/ips.estimator';
export { estimateSnips } from './ope/snips.estimator';
export { estimateDoublyRobust } from './ope/doubly-robust.estimator';
export { fitRidgeRewardModel } from './ope/ridge-reward.model';
export { policyAsTarget } from './ope/policy-target.adapter';

export { BanditSimulator, type SimulatedVisit, type SimulatorConfig } from './simulator/bandit.simulator';
export { runSimulation, type SimulationOptions, type SimulationResult } from './simulator/simulation.runner';
