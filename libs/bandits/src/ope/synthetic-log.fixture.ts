import { createRng } from '../random/seeded.rng';
import type { LoggedDecision, RewardModel, TargetPolicy } from './ope.types';

/**
 * A world small enough to know exactly: four user types (one-hot contexts) drawn uniformly,
 * three actions, a logging policy and a target policy given as tables, and Bernoulli rewards
 * with known means. The target's true value is Σₖ ¼ Σₐ π(a|k) μ(k, a).
 */
export const syntheticActions = ['a', 'b', 'c'];
const loggingTable = [
  [0.6, 0.3, 0.1],
  [0.2, 0.5, 0.3],
  [0.4, 0.3, 0.3],
  [0.1, 0.1, 0.8],
];
const targetTable = [
  [0.1, 0.1, 0.8],
  [0.7, 0.2, 0.1],
  [0.2, 0.6, 0.2],
  [0.5, 0.4, 0.1],
];
const meanReward = [
  [0.2, 0.5, 0.7],
  [0.6, 0.1, 0.3],
  [0.3, 0.8, 0.4],
  [0.9, 0.2, 0.1],
];

const typeOf = (context: ArrayLike<number>): number =>
  Array.prototype.findIndex.call(context, (value: number) => value === 1);

export const syntheticTarget: TargetPolicy = (context) => {
  const row = targetTable[typeOf(context)]!;
  return { a: row[0]!, b: row[1]!, c: row[2]! };
};

export const perfectRewardModel: RewardModel = (context, action) =>
  meanReward[typeOf(context)]![syntheticActions.indexOf(action)]!;

export const syntheticTrueValue = targetTable.reduce(
  (sum, row, type) =>
    sum +
    0.25 * row.reduce((inner, probability, action) => inner + probability * meanReward[type]![action]!, 0),
  0,
);

/** `noisy: false` logs the mean reward itself, so the only randomness is in contexts and actions. */
export function syntheticLog(size: number, seed: number, noisy = true): LoggedDecision[] {
  const rng = createRng(seed);
  return Array.from({ length: size }, () => {
    const type = rng.int(4);
    const context = [0, 0, 0, 0];
    context[type] = 1;
    const row = loggingTable[type]!;
    const u = rng.next();
    const action = u < row[0]! ? 0 : u < row[0]! + row[1]! ? 1 : 2;
    const mean = meanReward[type]![action]!;
    return {
      context,
      action: syntheticActions[action]!,
      reward: noisy ? (rng.next() < mean ? 1 : 0) : mean,
      propensity: row[action]!,
    };
  });
}
