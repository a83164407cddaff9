import { stratifiedSplit } from './stratified-split';

describe('stratifiedSplit', () => {
  it('keeps each class share in both parts and covers every row exactly once', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i % 20 === 0 ? 1 : 0));
    const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed: 3 });
    expect(train.length + test.length).toBe(1000);
    expect(new Set([...train, ...test]).size).toBe(1000);
    expect(Array.from(test).filter((i) => labels[i] === 1)).toHaveLength(10);
    expect(Array.from(train).filter((i) => labels[i] === 1)).toHaveLength(40);
    expect(test).toHaveLength(200);
  });

  it('puts at least one row of a tiny class on each side, and is reproducible', () => {
    const labels = ['a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b'];
    const split = stratifiedSplit(labels, { testFraction: 0.1, seed: 1 });
    expect(Array.from(split.test).filter((i) => labels[i] === 'a')).toHaveLength(1);
    expect(stratifiedSplit(labels, { testFraction: 0.1, seed: 1 })).toEqual(split);
    expect(stratifiedSplit(labels, { testFraction: 0.1, seed: 2 })).not.toEqual(split);
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => stratifiedSplit([0, 1], { testFraction: 1 })).toThrow(
      'testFraction must be between 0 and 1',
    );
  });
});
