import { estimateIps } from './ips.estimator';
import { estimateSnips } from './snips.estimator';
import { syntheticLog, syntheticTarget, syntheticTrueValue } from './synthetic-log.fixture';

describe('estimateSnips', () => {
  it('is the mean logged reward when the target is the logging policy (all weights 1)', () => {
    const log = syntheticLog(500, 2);
    const logging = (context: unknown, actions: readonly string[]): Record<string, number> => {
      const record = log.find((entry) => entry.context === context)!;
      return Object.fromEntries(
        actions.map((action) => [
          action,
          action === record.action ? record.propensity : (1 - record.propensity) / 2,
        ]),
      );
    };
    const estimate = estimateSnips(log, logging, { resamples: 100 });
    expect(estimate.value).toBeCloseTo(log.reduce((sum, record) => sum + record.reward, 0) / log.length, 12);
    expect(estimate.effectiveSampleSize).toBeCloseTo(500, 9);
  });

  it('is invariant to a common scaling of the propensities, unlike IPS', () => {
    const log = syntheticLog(500, 3);
    const halved = log.map((record) => ({ ...record, propensity: record.propensity / 2 }));
    expect(estimateSnips(halved, syntheticTarget).value).toBeCloseTo(
      estimateSnips(log, syntheticTarget).value,
      12,
    );
    expect(estimateIps(halved, syntheticTarget).value).toBeCloseTo(
      2 * estimateIps(log, syntheticTarget).value,
      12,
    );
  });

  it('estimates the true value, within its interval', () => {
    const estimate = estimateSnips(syntheticLog(5000, 7), syntheticTarget, { resamples: 500 });
    expect(Math.abs(estimate.value - syntheticTrueValue)).toBeLessThan(0.03);
    expect(estimate.interval.lower).toBeLessThan(syntheticTrueValue);
    expect(estimate.interval.upper).toBeGreaterThan(syntheticTrueValue);
    expect(estimate.interval.upper - estimate.interval.lower).toBeLessThan(0.06);
  });

  it('refuses a target that never picks a logged action', () => {
    const log = syntheticLog(10, 1).filter((record) => record.action !== 'c');
    expect(() => estimateSnips(log, () => ({ a: 0, b: 0, c: 1 }), { actions: ['a', 'b', 'c'] })).toThrow(
      /SNIPS is undefined/,
    );
  });
});
