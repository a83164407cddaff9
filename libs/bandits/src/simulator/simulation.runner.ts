import { checkParameter } from '../policies/policy-input.validation';
import type { BanditPolicy } from '../policies/policy.types';
import { createRng } from '../random/seeded.rng';
import { BanditSimulator, type SimulatorConfig } from './bandit.simulator';

export interface SimulationOptions {
  steps: number;
  /** Seeds the policy's own randomness (tie-breaking, exploration, posterior draws). */
  policySeed: number;
  /** How many evenly spaced points of the cumulative regret curve to keep (default 10). */
  checkpoints?: number;
  /** Record the wall time of every `choose` call (default false). */
  timeDecisions?: boolean;
}

export interface SimulationResult {
  steps: number;
  /** Σ (oracle's expected reward − chosen action's expected reward): pseudo-regret, free of reward noise. */
  cumulativeRegret: number;
  /** Rewards actually drawn for the chosen actions. */
  cumulativeReward: number;
  /** Σ of the oracle's expected reward: the most any policy could expect. */
  oracleExpectedReward: number;
  regretCurve: { step: number; regret: number }[];
  /** Milliseconds per `choose` call, when `timeDecisions` was set. */
  decisionMillis?: Float64Array;
}

/**
 * Plays a policy against a fresh simulator built from `world`, so every policy given the same
 * config meets the same users in the same order with the same reward luck.
 */
export function runSimulation(
  world: SimulatorConfig,
  policy: BanditPolicy,
  options: SimulationOptions,
): SimulationResult {
  const steps = checkParameter(
    'simulation steps',
    options.steps,
    (s) => Number.isInteger(s) && s >= 1,
    'an integer ≥ 1',
  );
  const checkpoints = Math.min(steps, options.checkpoints ?? 10);
  const simulator = new BanditSimulator(world);
  const rng = createRng(options.policySeed);
  const decisionMillis = options.timeDecisions ? new Float64Array(steps) : undefined;
  const regretCurve: { step: number; regret: number }[] = [];
  let cumulativeRegret = 0;
  let cumulativeReward = 0;
  let oracleExpectedReward = 0;
  let nextCheckpoint = 1;

  for (let step = 0; step < steps; step++) {
    const visit = simulator.next();
    const started = decisionMillis ? performance.now() : 0;
    const decision = policy.choose(visit.context, simulator.actions, rng);
    if (decisionMillis) decisionMillis[step] = performance.now() - started;
    const reward = visit.reward(decision.actionId);
    policy.update(decision.actionId, visit.context, reward);

    cumulativeRegret +=
      visit.oracleReward - visit.expectedRewards[simulator.actions.indexOf(decision.actionId)]!;
    cumulativeReward += reward;
    oracleExpectedReward += visit.oracleReward;
    if (step + 1 === Math.round((nextCheckpoint * steps) / checkpoints)) {
      regretCurve.push({ step: step + 1, regret: cumulativeRegret });
      nextCheckpoint++;
    }
  }
  return {
    steps,
    cumulativeRegret,
    cumulativeReward,
    oracleExpectedReward,
    regretCurve,
    ...(decisionMillis ? { decisionMillis } : {}),
  };
}
