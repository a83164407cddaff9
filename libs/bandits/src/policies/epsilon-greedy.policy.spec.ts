import { createRng } from '../random/seeded.rng';
import { EpsilonGreedyPolicy } from './epsilon-greedy.policy';

describe('EpsilonGreedyPolicy', () => {
  const actions = ['good', 'b', 'c', 'd'];
  const trained = (epsilon: number): EpsilonGreedyPolicy => {
    const policy = new EpsilonGreedyPolicy(2, { epsilon });
    for (let i = 0; i < 20; i++) {
      policy.update('good', [1, i / 20], 1);
      policy.update('b', [1, i / 20], 0);
    }
    return policy;
  };

  it('gives the greedy action 1 − ε + ε/K and every other ε/K, summing to 1', () => {
    const probabilities = trained(0.2).probabilities([1, 0.5], actions);
    expect(probabilities).toEqual({ good: expect.closeTo(0.85, 15), b: 0.05, c: 0.05, d: 0.05 });
    expect(Object.values(probabilities).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 15);
  });

  it('shares the greedy mass among tied actions', () => {
    const policy = new EpsilonGreedyPolicy(2, { epsilon: 0.2 });
    policy.update('a', [1, 0], 1);
    policy.update('b', [1, 0], 1);
    expect(policy.probabilities([1, 0], ['a', 'b', 'c', 'd'])).toEqual({
      a: expect.closeTo(0.45, 15),
      b: expect.closeTo(0.45, 15),
      c: 0.05,
      d: 0.05,
    });
    expect(new EpsilonGreedyPolicy(2, { epsilon: 0.2 }).probabilities([1, 0], actions)).toEqual({
      good: 0.25,
      b: 0.25,
      c: 0.25,
      d: 0.25,
    });
  });

  it('chooses with the frequencies it reports as propensities', () => {
    const policy = trained(0.2);
    const rng = createRng(12);
    const counts: Record<string, number> = { good: 0, b: 0, c: 0, d: 0 };
    const rounds = 20_000;
    for (let i = 0; i < rounds; i++) {
      const decision = policy.choose([1, 0.5], actions, rng);
      expect(decision.propensity).toBe(decision.actionId === 'good' ? 0.8 + 0.05 : 0.05);
      counts[decision.actionId]!++;
    }
    expect(counts.good! / rounds).toBeCloseTo(0.85, 2);
    for (const action of ['b', 'c', 'd'])
      expect(Math.abs(counts[action]! / rounds - 0.05)).toBeLessThan(0.006);
  });

  it('is purely greedy at ε = 0, with the ridge means as scores', () => {
    const decision = trained(0).choose([1, 0.5], actions, createRng(1));
    expect(decision.actionId).toBe('good');
    expect(decision.propensity).toBe(1);
    expect(decision.scores.good).toBeCloseTo(decision.contributions[0]! + decision.contributions[1]!, 12);
    expect(decision.scores.good).toBeGreaterThan(0.9);
    expect(decision.scores.c).toBe(0);
    expect(decision.exploration).toBe(0);
  });

  it('refuses an epsilon outside [0, 1]', () => {
    expect(() => new EpsilonGreedyPolicy(2, { epsilon: 1.5 })).toThrow(
      'epsilon-greedy epsilon must be a number in [0, 1], got 1.5',
    );
  });
});
