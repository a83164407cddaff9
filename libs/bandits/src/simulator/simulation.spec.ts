import { createPolicy } from '../policies/policy.factory';
import { BanditSimulator } from './bandit.simulator';
import { runSimulation } from './simulation.runner';

describe('BanditSimulator', () => {
  it('builds contexts of features plus a one-hot segment, and knows the oracle', () => {
    const simulator = new BanditSimulator({ seed: 3, actions: 8, features: 5, segments: 3 });
    expect(simulator.actions).toHaveLength(8);
    expect(simulator.dimension).toBe(8);
    for (let i = 0; i < 200; i++) {
      const visit = simulator.next();
      expect(Array.from(visit.context.subarray(5))).toEqual(
        [0, 1, 2].map((s) => (s === visit.segment ? 1 : 0)),
      );
      expect(visit.oracleReward).toBe(Math.max(...visit.expectedRewards));
      expect(visit.expectedRewards[simulator.actions.indexOf(visit.oracleAction)]).toBe(visit.oracleReward);
      for (const p of visit.expectedRewards) expect(p > 0 && p < 1).toBe(true);
    }
  });

  it('replays the same visits and rewards from the same seed', () => {
    const first = new BanditSimulator({ seed: 4 });
    const second = new BanditSimulator({ seed: 4 });
    for (let i = 0; i < 50; i++) {
      const a = first.next();
      const b = second.next();
      expect(b.context).toEqual(a.context);
      expect(b.reward('action-2')).toBe(a.reward('action-2'));
    }
  });

  it('draws Bernoulli rewards with the hidden probabilities', () => {
    const simulator = new BanditSimulator({ seed: 5 });
    let expected = 0;
    let observed = 0;
    for (let i = 0; i < 20_000; i++) {
      const visit = simulator.next();
      expected += visit.expectedRewards[0]!;
      observed += visit.reward('action-0');
    }
    expect(Math.abs(observed - expected) / 20_000).toBeLessThan(0.01);
  });
});

describe('runSimulation', () => {
  it('gives LinUCB clearly less regret than random over 3000 steps', () => {
    const world = { seed: 11 };
    const dimension = new BanditSimulator(world).dimension;
    const random = runSimulation(world, createPolicy({ kind: 'uniform', dimension }), {
      steps: 3000,
      policySeed: 1,
    });
    const linUcb = runSimulation(world, createPolicy({ kind: 'lin-ucb', dimension, alpha: 1 }), {
      steps: 3000,
      policySeed: 1,
    });
    expect(random.cumulativeRegret).toBeGreaterThan(500);
    expect(linUcb.cumulativeRegret).toBeLessThan(0.4 * random.cumulativeRegret);
    expect(linUcb.cumulativeReward).toBeGreaterThan(random.cumulativeReward);
    expect(random.oracleExpectedReward).toBe(linUcb.oracleExpectedReward);
    expect(linUcb.regretCurve).toHaveLength(10);
    expect(linUcb.regretCurve[9]).toEqual({ step: 3000, regret: linUcb.cumulativeRegret });
    for (let i = 1; i < 10; i++)
      expect(linUcb.regretCurve[i]!.regret).toBeGreaterThanOrEqual(linUcb.regretCurve[i - 1]!.regret);
  });
});
