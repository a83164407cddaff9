import { createRng } from '../random/seeded.rng';
import { UniformPolicy } from './uniform.policy';

describe('UniformPolicy', () => {
  it('gives every action 1/K, whatever it has been told', () => {
    const policy = new UniformPolicy(2);
    policy.update('a', [1, 0], 1);
    const probabilities = policy.probabilities([1, 0], ['a', 'b', 'c']);
    expect(probabilities).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
    expect(Object.values(probabilities).reduce((sum, p) => sum + p, 0)).toBe(1);
    expect(policy.version).toBe(1);
  });

  it('chooses each action about equally often, reporting propensity 1/K', () => {
    const policy = new UniformPolicy(1);
    const rng = createRng(21);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 20_000; i++) {
      const decision = policy.choose([0], ['a', 'b', 'c', 'd'], rng);
      expect(decision.propensity).toBe(0.25);
      counts[decision.actionId]!++;
    }
    for (const count of Object.values(counts)) expect(Math.abs(count / 20_000 - 0.25)).toBeLessThan(0.015);
  });

  it('checks contexts like every other policy', () => {
    expect(() => new UniformPolicy(2).choose([1], ['a'], createRng(1))).toThrow(
      'context has 1 features but the policy expects 2',
    );
  });
});
