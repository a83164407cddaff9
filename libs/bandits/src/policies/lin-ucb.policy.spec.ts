import fc from 'fast-check';
import { BanditError } from '../bandit.errors';
import { addOuterProduct, scaledIdentity } from '../linalg/dense-matrix.math';
import { invertGaussJordan } from '../linalg/factorisation.math';
import { createRng } from '../random/seeded.rng';
import { LinUcbPolicy } from './lin-ucb.policy';

describe('LinUcbPolicy', () => {
  it('keeps A⁻¹ by Sherman–Morrison equal to the batch inverse of λI + Σ x xᵀ (within 1e-6)', () => {
    const updates = fc.integer({ min: 1, max: 8 }).chain((dimension) =>
      fc.record({
        dimension: fc.constant(dimension),
        lambda: fc.double({ min: 0.05, max: 10, noNaN: true }),
        steps: fc.array(
          fc.record({
            action: fc.constantFrom('a', 'b', 'c'),
            x: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
              minLength: dimension,
              maxLength: dimension,
            }),
            reward: fc.double({ min: -1, max: 2, noNaN: true }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
      }),
    );
    fc.assert(
      fc.property(updates, ({ dimension, lambda, steps }) => {
        const policy = new LinUcbPolicy(dimension, { lambda, alpha: 1 });
        for (const { action, x, reward } of steps) policy.update(action, x, reward);
        const state = policy.toState();
        for (const action of new Set(steps.map((step) => step.action))) {
          const batch = scaledIdentity(dimension, lambda);
          for (const step of steps) if (step.action === action) addOuterProduct(batch, step.x, dimension);
          const expected = invertGaussJordan(batch, dimension);
          const incremental = state.arms[action]!.aInverse;
          for (let i = 0; i < expected.length; i++)
            expect(Math.abs(incremental[i]! - expected[i]!)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 200 },
    );
  });

  describe('on a hand-computed example', () => {
    // Action "a" saw x = [1, 0] → 1 and x = [1, 1] → 0: A = [[3, 1], [1, 2]], A⁻¹ = [[2, −1], [−1, 3]] / 5,
    // b = [1, 0], θ = [0.4, −0.2]. For x = [1, −1]: θᵀx = 0.6 and xᵀA⁻¹x = 1.4.
    const trained = (): LinUcbPolicy => {
      const policy = new LinUcbPolicy(2, { alpha: 0.1, lambda: 1 });
      policy.update('a', [1, 0], 1);
      policy.update('a', [1, 1], 0);
      return policy;
    };

    it('scores θᵀx + α√(xᵀA⁻¹x) and explains the choice by θᵢxᵢ', () => {
      const decision = trained().choose([1, -1], ['a', 'b'], createRng(1));
      expect(decision.actionId).toBe('a');
      expect(decision.scores.a).toBeCloseTo(0.6 + 0.1 * Math.sqrt(1.4), 12);
      // "b" has no data: θ = 0, A⁻¹ = I, so only its bound 0.1·√2 counts.
      expect(decision.scores.b).toBeCloseTo(0.1 * Math.SQRT2, 12);
      expect(decision.contributions).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.2, 12)]);
      expect(decision.exploration).toBeCloseTo(0.1 * Math.sqrt(1.4), 12);
      expect(decision.propensity).toBe(1);
      expect(decision.modelVersion).toBe(2);
    });

    it('stores A, A⁻¹ and b in plain JSON', () => {
      const arm = trained().toState().arms.a!;
      expect(arm.a).toEqual([3, 1, 1, 2]);
      expect(arm.aInverse.map((v) => v * 5)).toEqual([2, -1, -1, 3].map((v) => expect.closeTo(v, 12)));
      expect(arm.b).toEqual([1, 0]);
      expect(arm.updates).toBe(2);
    });
  });

  it('splits ties evenly: untrained actions each get propensity 1/K, and the rng picks among them', () => {
    const policy = new LinUcbPolicy(3);
    const actions = ['a', 'b', 'c', 'd'];
    expect(policy.probabilities([1, 2, 3], actions)).toEqual({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 });
    const rng = createRng(5);
    const picked = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const decision = policy.choose([1, 2, 3], actions, rng);
      expect(decision.propensity).toBe(0.25);
      picked.add(decision.actionId);
    }
    expect([...picked].sort()).toEqual(actions);
  });

  it('gives probabilities summing to 1 with all mass on the argmax once trained', () => {
    const policy = new LinUcbPolicy(2, { alpha: 0.5 });
    const rng = createRng(2);
    for (let i = 0; i < 300; i++) {
      const x = [rng.normal(), 1];
      policy.update('good', x, 1);
      policy.update('bad', x, 0);
    }
    const probabilities = policy.probabilities([0.3, 1], ['bad', 'good', 'new']);
    expect(Object.values(probabilities).reduce((sum, p) => sum + p, 0)).toBe(1);
    expect(probabilities.good).toBe(1);
  });

  it('adds an action without touching the others, and forgets only a removed one', () => {
    const policy = new LinUcbPolicy(2);
    policy.update('a', [1, 2], 1);
    policy.update('b', [0, 1], 0);
    const before = policy.toState();
    policy.update('c', [1, 1], 1);
    const after = policy.toState();
    expect(after.arms.a).toEqual(before.arms.a);
    expect(after.arms.b).toEqual(before.arms.b);
    expect(after.version).toBe(3);
    expect(policy.removeAction('b')).toBe(true);
    expect(policy.knownActions()).toEqual(['a', 'c']);
    expect(policy.toState().arms.a).toEqual(before.arms.a);
  });

  it('round-trips through JSON to a policy that makes identical choices', () => {
    const policy = new LinUcbPolicy(3, { alpha: 0.7, lambda: 2 });
    const rng = createRng(9);
    const actions = ['x', 'y', 'z'];
    for (let i = 0; i < 100; i++) {
      const context = [rng.normal(), rng.normal(), 1];
      policy.update(actions[rng.int(3)]!, context, rng.next() < 0.3 ? 1 : 0);
    }
    const restored = LinUcbPolicy.fromState(JSON.parse(JSON.stringify(policy.toState())));
    expect(restored.toState()).toEqual(policy.toState());
    const left = createRng(4);
    const right = createRng(4);
    for (let i = 0; i < 50; i++) {
      const context = [Math.sin(i), Math.cos(i), 1];
      expect(restored.choose(context, actions, right)).toEqual(policy.choose(context, actions, left));
    }
  });

  it('names the expected and actual dimension when a context does not fit', () => {
    const policy = new LinUcbPolicy(4);
    const call = (): unknown => policy.choose([1, 2, 3], ['a'], createRng(1));
    expect(call).toThrow(BanditError);
    expect(call).toThrow('context has 3 features but the policy expects 4');
    expect(() => policy.update('a', [1, 2, 3, Number.NaN], 1)).toThrow(/feature 3 is NaN/);
    expect(() => policy.choose([1, 2, 3, 4], ['a', 'a'], createRng(1))).toThrow(/listed twice/);
    expect(() => new LinUcbPolicy(4, { lambda: 0 })).toThrow('LinUCB lambda must be a number > 0, got 0');
  });
});
