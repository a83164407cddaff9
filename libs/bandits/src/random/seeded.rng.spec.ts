import { createRng } from './seeded.rng';

describe('createRng', () => {
  it('replays the same sequence from the same seed and a different one from another seed', () => {
    const first = createRng(42);
    const second = createRng(42);
    const other = createRng(43);
    const a = Array.from({ length: 5 }, () => first.next());
    expect(Array.from({ length: 5 }, () => second.next())).toEqual(a);
    expect(Array.from({ length: 5 }, () => other.next())).not.toEqual(a);
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(7);
    const draws = Array.from({ length: 100_000 }, () => rng.next());
    const mean = draws.reduce((sum, u) => sum + u, 0) / draws.length;
    const variance = draws.reduce((sum, u) => sum + (u - mean) ** 2, 0) / draws.length;
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals (mean 0, variance 1, 95% within ±1.96)', () => {
    const rng = createRng(11);
    const draws = Array.from({ length: 100_000 }, () => rng.normal());
    const mean = draws.reduce((sum, z) => sum + z, 0) / draws.length;
    const variance = draws.reduce((sum, z) => sum + (z - mean) ** 2, 0) / draws.length;
    const inside = draws.filter((z) => Math.abs(z) < 1.959964).length / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.005);
  });

  it('draws integers uniformly on [0, n)', () => {
    const rng = createRng(3);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[rng.int(5)]!++;
    for (const count of counts) expect(Math.abs(count / 50_000 - 0.2)).toBeLessThan(0.01);
  });
});
