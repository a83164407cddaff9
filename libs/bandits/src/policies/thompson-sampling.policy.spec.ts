import { createRng } from '../random/seeded.rng';
import { ThompsonSamplingPolicy } from './thompson-sampling.policy';

describe('ThompsonSamplingPolicy', () => {
  // "a" saw x = [1, 0] → 1 and x = [1, 1] → 0: B = [[3, 1], [1, 2]], B⁻¹ = [[2, −1], [−1, 3]] / 5, f = [1, 0].
  // Closed form with v = 0.5: μ = B⁻¹f = [0.4, −0.2], Σ = v²B⁻¹ = [[0.1, −0.05], [−0.05, 0.15]].
  const trained = (): ThompsonSamplingPolicy => {
    const policy = new ThompsonSamplingPolicy(2, { v: 0.5, lambda: 1 });
    policy.update('a', [1, 0], 1);
    policy.update('a', [1, 1], 0);
    return policy;
  };

  it('has the closed-form posterior mean B⁻¹f and covariance v²B⁻¹', () => {
    const { mean, covariance } = trained().posterior('a');
    expect(mean).toEqual([expect.closeTo(0.4, 12), expect.closeTo(-0.2, 12)]);
    expect(covariance).toEqual([
      [expect.closeTo(0.1, 12), expect.closeTo(-0.05, 12)],
      [expect.closeTo(-0.05, 12), expect.closeTo(0.15, 12)],
    ]);
    expect(trained().posterior('unseen')).toEqual({
      mean: [0, 0],
      covariance: [
        [0.25, 0],
        [0, 0.25],
      ],
    });
  });

  it('draws θ with that mean and covariance', () => {
    const policy = trained();
    const rng = createRng(17);
    const draws = 40_000;
    let m0 = 0;
    let m1 = 0;
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let i = 0; i < draws; i++) {
      const [t0, t1] = policy.drawTheta('a', rng) as unknown as [number, number];
      m0 += t0;
      m1 += t1;
      s00 += t0 * t0;
      s01 += t0 * t1;
      s11 += t1 * t1;
    }
    m0 /= draws;
    m1 /= draws;
    expect(m0).toBeCloseTo(0.4, 2);
    expect(m1).toBeCloseTo(-0.2, 2);
    expect(s00 / draws - m0 * m0).toBeCloseTo(0.1, 2);
    expect(s01 / draws - m0 * m1).toBeCloseTo(-0.05, 2);
    expect(s11 / draws - m1 * m1).toBeCloseTo(0.15, 2);
  });

  describe('propensities', () => {
    const actions = ['a', 'b', 'c'];
    const context = [1, 0.5];
    const competitive = (): ThompsonSamplingPolicy => {
      const policy = new ThompsonSamplingPolicy(2, { v: 0.5, propensitySamples: 100 });
      const rng = createRng(3);
      for (let i = 0; i < 10; i++) {
        const x = [1, rng.next()];
        policy.update('a', x, rng.next() < 0.5 ? 1 : 0);
        policy.update('b', x, rng.next() < 0.4 ? 1 : 0);
        policy.update('c', x, rng.next() < 0.3 ? 1 : 0);
      }
      return policy;
    };
    // A 200k-draw estimate is exact to about ±0.002: the reference for the 100-draw estimates.
    const reference = (policy: ThompsonSamplingPolicy): Record<string, number> =>
      ThompsonSamplingPolicy.fromState({
        ...policy.toState(),
        params: { ...policy.params, propensitySamples: 200_000 },
      }).probabilities(context, actions, createRng(99));

    it('sum to 1 over the actions, and the reference is not degenerate', () => {
      const policy = competitive();
      const estimated = policy.probabilities(context, actions, createRng(1));
      expect(Object.values(estimated).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
      const exact = reference(policy);
      expect(Object.values(exact).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
      for (const action of actions) expect(exact[action]).toBeGreaterThan(0.05);
    });

    it('match how often choose() actually picks each action, and the propensity it reports', () => {
      const policy = competitive();
      const exact = reference(policy);
      const rng = createRng(8);
      const picks: Record<string, number> = { a: 0, b: 0, c: 0 };
      const reported: Record<string, number> = { a: 0, b: 0, c: 0 };
      const rounds = 3000;
      for (let i = 0; i < rounds; i++) {
        const decision = policy.choose(context, actions, rng);
        expect(decision.propensity).toBeGreaterThanOrEqual(1 / 100);
        picks[decision.actionId]!++;
        reported[decision.actionId]! += decision.propensity;
      }
      for (const action of actions) {
        expect(Math.abs(picks[action]! / rounds - exact[action]!)).toBeLessThan(0.03);
        expect(Math.abs(reported[action]! / picks[action]! - exact[action]!)).toBeLessThan(0.03);
      }
    });
  });

  it('explains a choice by the posterior mean, the rest of the sampled score being exploration', () => {
    const decision = trained().choose([1, -1], ['a'], createRng(2));
    expect(decision.contributions).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.2, 12)]);
    expect(decision.exploration).toBeCloseTo(decision.scores.a! - 0.6, 12);
    expect(decision.propensity).toBe(1);
  });

  it('round-trips through JSON to a policy that makes identical choices', () => {
    const policy = new ThompsonSamplingPolicy(3, { v: 0.2, propensitySamples: 20 });
    const rng = createRng(9);
    const actions = ['x', 'y', 'z'];
    for (let i = 0; i < 100; i++)
      policy.update(actions[rng.int(3)]!, [rng.normal(), rng.normal(), 1], rng.next() < 0.3 ? 1 : 0);
    const restored = ThompsonSamplingPolicy.fromState(JSON.parse(JSON.stringify(policy.toState())));
    const left = createRng(4);
    const right = createRng(4);
    for (let i = 0; i < 50; i++) {
      const context = [Math.sin(i), Math.cos(i), 1];
      expect(restored.choose(context, actions, right)).toEqual(policy.choose(context, actions, left));
    }
  });

  it('keeps the other actions’ posteriors when an action is added', () => {
    const policy = trained();
    const before = policy.posterior('a');
    policy.update('new', [0, 1], 1);
    expect(policy.posterior('a')).toEqual(before);
    expect(policy.posterior('new').mean[1]).toBeCloseTo(0.5, 12);
  });
});
