import { estimateIps } from './ips.estimator';
import { effectiveSampleSize } from './logged-decisions.prepare';
import { syntheticActions, syntheticLog, syntheticTarget, syntheticTrueValue } from './synthetic-log.fixture';

describe('estimateIps', () => {
  it('computes (1/n) Σ π(a|x)/p · r on a hand-checked log', () => {
    const log = [
      { context: [1], action: 'a', reward: 1, propensity: 0.5 },
      { context: [1], action: 'b', reward: 1, propensity: 0.25 },
      { context: [1], action: 'a', reward: 0, propensity: 0.5 },
    ];
    const target = (): Record<string, number> => ({ a: 0.2, b: 0.8 });
    const estimate = estimateIps(log, target, { resamples: 50 });
    // weights 0.4, 3.2, 0.4 → value (0.4 + 3.2 + 0) / 3; ESS = 4² / (0.16 + 10.24 + 0.16)
    expect(estimate.value).toBeCloseTo(3.6 / 3, 12);
    expect(estimate.effectiveSampleSize).toBeCloseTo(16 / 10.56, 12);
    expect(estimate.samples).toBe(3);
    expect(estimate.interval.lower).toBeLessThanOrEqual(estimate.value);
    expect(estimate.interval.upper).toBeGreaterThanOrEqual(estimate.value);
  });

  it('is unbiased: the true value lies in the 95% interval for at least 90% of 50 seeded logs', () => {
    let covered = 0;
    let sumOfEstimates = 0;
    const seeds = 50;
    for (let seed = 1; seed <= seeds; seed++) {
      const estimate = estimateIps(syntheticLog(1000, seed), syntheticTarget, { resamples: 400, seed });
      if (estimate.interval.lower <= syntheticTrueValue && syntheticTrueValue <= estimate.interval.upper)
        covered++;
      sumOfEstimates += estimate.value;
    }
    expect(covered / seeds).toBeGreaterThanOrEqual(0.9);
    // The mean of 50 estimates has a standard error of about 0.004.
    expect(Math.abs(sumOfEstimates / seeds - syntheticTrueValue)).toBeLessThan(0.015);
  });

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const log = syntheticLog(300, 4);
    const first = estimateIps(log, syntheticTarget, { seed: 5, resamples: 200 });
    expect(estimateIps(log, syntheticTarget, { seed: 5, resamples: 200 }).interval).toEqual(first.interval);
    expect(estimateIps(log, syntheticTarget, { seed: 6, resamples: 200 }).interval).not.toEqual(
      first.interval,
    );
  });

  it('refuses logs it cannot evaluate, saying which record and why', () => {
    const log = syntheticLog(3, 1);
    expect(() => estimateIps([], syntheticTarget)).toThrow(/log is empty/);
    expect(() => estimateIps([{ ...log[0]!, propensity: 0 }], syntheticTarget)).toThrow(
      'log record 0: propensity must be in (0, 1], got 0',
    );
    expect(() => estimateIps(log, syntheticTarget, { actions: ['a'] })).toThrow(
      /is not in the evaluated action set/,
    );
    expect(() =>
      estimateIps(log, () => ({ a: 0.5, b: 0.25, c: 0.125 }), { actions: syntheticActions }),
    ).toThrow(/sum to 0.875 over \[a, b, c\], not 1/);
  });

  it('measures the effective sample size as (Σw)² / Σw²', () => {
    expect(effectiveSampleSize(Float64Array.of(2, 0, 1))).toBeCloseTo(9 / 5, 12);
    expect(effectiveSampleSize(Float64Array.of(1, 1, 1, 1))).toBe(4);
  });
});
