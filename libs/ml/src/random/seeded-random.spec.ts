import { createRandom, sampleIndices, shuffledIndices } from './seeded-random';

describe('seeded random', () => {
  it('repeats the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws uniforms in [0, 1) with the right mean and normals with mean 0 and variance 1', () => {
    const random = createRandom(1);
    const n = 20_000;
    let uniformSum = 0;
    let normalSum = 0;
    let normalSquares = 0;
    for (let i = 0; i < n; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
      uniformSum += u;
      const z = random.nextGaussian();
      normalSum += z;
      normalSquares += z * z;
    }
    expect(uniformSum / n).toBeCloseTo(0.5, 2);
    expect(Math.abs(normalSum / n)).toBeLessThan(0.03);
    expect(normalSquares / n).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation and samples distinct indices', () => {
    const random = createRandom(3);
    expect([...shuffledIndices(50, random)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    const sample = sampleIndices(1000, 100, random);
    expect(new Set(sample).size).toBe(100);
    expect(Math.max(...sample)).toBeLessThan(1000);
  });

  it('forks into independent but reproducible streams', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    expect(a.fork().next()).toBe(b.fork().next());
    expect(a.fork().next()).not.toBe(a.fork().next());
  });
});
