import { createRng } from '@userops/bandits';
import { evaluateLog, OpeInputError, parseLogCsv } from './ope-report';

/** Uniformly logged: action "a" pays 1 when x > 0.5, "b" pays 1 otherwise. */
function syntheticCsv(rows: number, seed = 7): string {
  const rng = createRng(seed);
  const lines = ['bias,x,action,reward,propensity'];
  for (let i = 0; i < rows; i++) {
    const x = rng.next();
    const action = rng.next() < 0.5 ? 'a' : 'b';
    const reward = (action === 'a') === x > 0.5 ? 1 : 0;
    lines.push(`1,${x},${action},${reward},0.5`);
  }
  return lines.join('\n');
}

describe('OPE report', () => {
  it('reads the context from every column but action, reward and propensity', () => {
    const log = parseLogCsv('propensity,f1,action,reward,f2\n0.25,1,a,0,3\n');
    expect(log.featureNames).toEqual(['f1', 'f2']);
    expect(log.records).toEqual([{ action: 'a', reward: 0, propensity: 0.25, context: [1, 3] }]);
  });

  it('names the line and column of a bad value', () => {
    expect(() => parseLogCsv('x,action,reward,propensity\n1,a,1,0')).toThrow(/line 2: propensity 0/);
    expect(() => parseLogCsv('x,action,reward\n1,a,1')).toThrow(OpeInputError);
    expect(() => parseLogCsv('x,action,reward,propensity\nhigh,a,1,0.5')).toThrow(/column x/);
  });

  it('estimates the uniform policy at its known value 0.5 and a trained LinUCB above it', () => {
    const log = parseLogCsv(syntheticCsv(4000));
    const uniform = evaluateLog(log, { kind: 'uniform' }, { resamples: 200 });
    for (const estimate of uniform.estimates) {
      expect(estimate.interval.lower).toBeLessThanOrEqual(0.5);
      expect(estimate.interval.upper).toBeGreaterThanOrEqual(0.5);
      expect(estimate.effectiveSampleSize).toBeCloseTo(4000, 0);
    }
    const linucb = evaluateLog(log, { kind: 'linucb', alpha: 0.1, trainShare: 0.5 }, { resamples: 200 });
    expect(linucb).toMatchObject({ trainedOn: 2000, evaluatedOn: 2000 });
    const snips = linucb.estimates.find((e) => e.estimator === 'snips')!;
    expect(snips.value).toBeGreaterThan(0.7);
    expect(snips.effectiveSampleSize).toBeLessThan(2000);
  });

  it('reports the logging policy observed value on the records the estimates replay', () => {
    const log = parseLogCsv('x,action,reward,propensity\n1,a,1,0.5\n2,b,0,0.5\n3,a,1,0.5\n4,b,1,0.5\n');
    expect(evaluateLog(log, { kind: 'uniform' }, { resamples: 20 }).loggingPolicy).toEqual({
      value: 0.75,
      samples: 4,
    });
    const trained = evaluateLog(log, { kind: 'epsilon-greedy', trainShare: 0.5 }, { resamples: 20 });
    expect(trained.loggingPolicy).toEqual({ value: 1, samples: 2 });
  });

  it('trains and evaluates Thompson sampling and epsilon-greedy candidates like LinUCB', () => {
    const log = parseLogCsv(syntheticCsv(4000));
    for (const spec of [
      { kind: 'thompson', v: 0.05, trainShare: 0.5 },
      { kind: 'epsilon-greedy', epsilon: 0.05, trainShare: 0.5 },
    ] as const) {
      const report = evaluateLog(log, spec, { resamples: 200 });
      expect(report).toMatchObject({
        trainedOn: 2000,
        evaluatedOn: 2000,
        target: expect.stringContaining(spec.kind),
      });
      const snips = report.estimates.find((e) => e.estimator === 'snips')!;
      // The uniform logger earns 0.5; a policy that learned the rule earns close to 1.
      expect(report.loggingPolicy.value).toBeLessThan(0.55);
      expect(snips.value).toBeGreaterThan(0.8);
    }
  });
});
