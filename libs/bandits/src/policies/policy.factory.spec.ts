import { BanditError } from '../bandit.errors';
import { createRng } from '../random/seeded.rng';
import { createPolicy, restorePolicy } from './policy.factory';
import type { PolicyConfig, PolicyState } from './policy.types';

const configs: PolicyConfig[] = [
  { kind: 'lin-ucb', dimension: 3, alpha: 0.5 },
  { kind: 'thompson-sampling', dimension: 3, v: 0.3, propensitySamples: 30 },
  { kind: 'epsilon-greedy', dimension: 3, epsilon: 0.1 },
  { kind: 'uniform', dimension: 3 },
];

describe('createPolicy and restorePolicy', () => {
  it.each(configs)('round-trip a trained $kind policy through JSON to identical choices', (config) => {
    const policy = createPolicy(config);
    const rng = createRng(31);
    const actions = ['a', 'b', 'c', 'd'];
    for (let i = 0; i < 200; i++)
      policy.update(actions[rng.int(4)]!, [rng.normal(), rng.normal(), 1], rng.next() < 0.4 ? 1 : 0);
    const state = JSON.parse(JSON.stringify(policy.toState())) as PolicyState;
    const restored = restorePolicy(state);
    expect(restored.kind).toBe(config.kind);
    expect(restored.version).toBe(200);
    expect(restored.toState()).toEqual(policy.toState());
    const left = createRng(6);
    const right = createRng(6);
    for (let i = 0; i < 40; i++) {
      const context = [Math.sin(i), Math.cos(i), 1];
      expect(restored.choose(context, actions, right)).toEqual(policy.choose(context, actions, left));
    }
  });

  it.each(configs)('gives $kind probabilities that sum to 1', (config) => {
    const policy = createPolicy(config);
    const rng = createRng(2);
    for (let i = 0; i < 50; i++)
      policy.update(['a', 'b', 'c'][i % 3]!, [rng.normal(), rng.normal(), 1], rng.next());
    for (let i = 0; i < 20; i++) {
      const probabilities = policy.probabilities(
        [rng.normal(), rng.normal(), 1],
        ['a', 'b', 'c', 'unseen'],
        rng,
      );
      expect(Object.values(probabilities).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    }
  });

  it('refuses states it did not write, saying which field is wrong', () => {
    const good = createPolicy({ kind: 'lin-ucb', dimension: 2 });
    good.update('a', [1, 1], 1);
    const state = good.toState() as Extract<PolicyState, { kind: 'lin-ucb' }>;
    const broken = (patch: object): unknown => ({ ...state, ...patch });
    expect(() => restorePolicy(broken({ formatVersion: 2 }) as PolicyState)).toThrow(
      /formatVersion must be 1/,
    );
    expect(() => restorePolicy(broken({ kind: 'softmax' }) as PolicyState)).toThrow(
      /unknown policy kind "softmax"/,
    );
    expect(() => restorePolicy(broken({ params: { alpha: 1 } }) as PolicyState)).toThrow(
      /missing numeric parameter "lambda"/,
    );
    expect(() => restorePolicy(broken({ arms: { a: { ...state.arms.a, b: [1] } } }) as PolicyState)).toThrow(
      'state of action "a": "b" must be an array of 2 finite numbers for dimension 2',
    );
    expect(() => restorePolicy(null as unknown as PolicyState)).toThrow(BanditError);
  });
});
