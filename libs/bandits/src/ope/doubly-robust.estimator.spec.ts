import { createPolicy } from '../policies/policy.factory';
import { createRng } from '../random/seeded.rng';
import { estimateDoublyRobust } from './doubly-robust.estimator';
import { estimateIps } from './ips.estimator';
import { policyAsTarget } from './policy-target.adapter';
import { fitRidgeRewardModel } from './ridge-reward.model';
import {
  perfectRewardModel,
  syntheticActions,
  syntheticLog,
  syntheticTarget,
  syntheticTrueValue,
} from './synthetic-log.fixture';

describe('estimateDoublyRobust', () => {
  it('has no error beyond the contexts drawn when the reward model is perfect and rewards are noiseless', () => {
    const log = syntheticLog(1000, 5, false);
    // What the target would earn on exactly these contexts: the value DR must reproduce.
    const onTheseContexts =
      log.reduce((sum, record) => {
        const probabilities = syntheticTarget(record.context, syntheticActions);
        return (
          sum +
          syntheticActions.reduce(
            (inner, action) => inner + probabilities[action]! * perfectRewardModel(record.context, action),
            0,
          )
        );
      }, 0) / log.length;
    const dr = estimateDoublyRobust(log, syntheticTarget, perfectRewardModel, { resamples: 200 });
    const ips = estimateIps(log, syntheticTarget, { resamples: 200 });
    expect(Math.abs(dr.value - onTheseContexts)).toBeLessThan(1e-12);
    expect(Math.abs(ips.value - onTheseContexts)).toBeGreaterThan(1e-3);
    expect(Math.abs(dr.value - syntheticTrueValue)).toBeLessThan(0.02);
  });

  it('is IPS when the reward model predicts 0, to the last bit of the interval', () => {
    const log = syntheticLog(400, 6);
    const dr = estimateDoublyRobust(log, syntheticTarget, () => 0, { resamples: 200, seed: 3 });
    const ips = estimateIps(log, syntheticTarget, { resamples: 200, seed: 3 });
    expect(dr.value).toBeCloseTo(ips.value, 14);
    expect(dr.interval).toEqual(ips.interval);
    expect(dr.effectiveSampleSize).toBe(ips.effectiveSampleSize);
  });

  it('with a ridge model fitted on the log, is accurate and tighter than IPS on noisy rewards', () => {
    const log = syntheticLog(2000, 8);
    const dr = estimateDoublyRobust(log, syntheticTarget, fitRidgeRewardModel(log, 0.1), { resamples: 400 });
    const ips = estimateIps(log, syntheticTarget, { resamples: 400 });
    expect(Math.abs(dr.value - syntheticTrueValue)).toBeLessThan(0.03);
    expect(dr.interval.upper - dr.interval.lower).toBeLessThan(
      0.8 * (ips.interval.upper - ips.interval.lower),
    );
  });

  it('evaluates a bandit policy as the target (uniform: the mean of all actions’ rewards)', () => {
    const log = syntheticLog(2000, 9);
    const uniform = policyAsTarget(createPolicy({ kind: 'uniform', dimension: 4 }), createRng(1));
    const dr = estimateDoublyRobust(log, uniform, perfectRewardModel, { resamples: 300 });
    const uniformValue =
      [0.2, 0.5, 0.7, 0.6, 0.1, 0.3, 0.3, 0.8, 0.4, 0.9, 0.2, 0.1].reduce((sum, mean) => sum + mean, 0) / 12;
    expect(Math.abs(dr.value - uniformValue)).toBeLessThan(0.03);
    expect(dr.interval.lower).toBeLessThan(uniformValue);
    expect(dr.interval.upper).toBeGreaterThan(uniformValue);
  });
});
