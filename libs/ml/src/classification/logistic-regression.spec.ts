import { MlError } from '../ml-error';
import { createRandom } from '../random/seeded-random';
import { evaluateBinaryClassifier } from './classification-metrics';
import { LogisticRegression } from './logistic-regression';
import { stratifiedSplit } from './stratified-split';

/** Two Gaussian classes separated along a known direction, with a little label noise. */
function syntheticChurn(n: number, seed: number): { x: number[][]; y: number[] } {
  const random = createRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = random.next() < 0.3 ? 1 : 0;
    const shift = label ? 1.5 : -1.5;
    x.push([shift + random.nextGaussian(), -shift + random.nextGaussian(), random.nextGaussian()]);
    y.push(label);
  }
  return { x, y };
}

describe('LogisticRegression', () => {
  it('learns a separable synthetic problem: held-out ROC AUC above 0.95', () => {
    const { x, y } = syntheticChurn(3000, 1);
    const { train, test } = stratifiedSplit(y, { testFraction: 0.3, seed: 7 });
    const model = LogisticRegression.fit(
      Array.from(train, (i) => x[i]!),
      Array.from(train, (i) => y[i]!),
    );
    expect(model.converged).toBe(true);
    const report = evaluateBinaryClassifier(
      Array.from(test, (i) => y[i]!),
      model.predictProba(Array.from(test, (i) => x[i]!)),
    );
    expect(report.rocAuc).toBeGreaterThan(0.95);
    expect(report.f1).toBeGreaterThan(0.9);
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(model.weights[1]).toBeLessThan(-1);
    expect(Math.abs(model.weights[2]!)).toBeLessThan(0.3);
  });

  it('reaches the penalised optimum: gradient of sum logloss + l2/2 |w|^2 is zero', () => {
    const { x, y } = syntheticChurn(500, 2);
    const l2 = 3;
    const model = LogisticRegression.fit(x, y, { l2 });
    const p = model.predictProba(x);
    const gradient = [0, 0, 0, 0];
    x.forEach((row, i) => {
      row.forEach((value, j) => (gradient[j]! += (p[i]! - y[i]!) * value));
      gradient[3]! += p[i]! - y[i]!;
    });
    model.weights.forEach((w, j) => (gradient[j]! += l2 * w));
    gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-6));
  });

  it('matches the closed form on a one-feature problem with no penalty', () => {
    // Two groups with x = 0 (1 of 4 positive) and x = 1 (3 of 4 positive): the MLE is logit(1/4) and
    // logit(3/4) - logit(1/4) = 2 ln 3.
    const model = LogisticRegression.fit([[0], [0], [0], [0], [1], [1], [1], [1]], [1, 0, 0, 0, 1, 1, 1, 0], {
      l2: 0,
    });
    expect(model.intercept).toBeCloseTo(-Math.log(3), 8);
    expect(model.weights[0]).toBeCloseTo(2 * Math.log(3), 8);
  });

  it('survives a JSON round trip and refuses something else', () => {
    const { x, y } = syntheticChurn(200, 3);
    const model = LogisticRegression.fit(x, y);
    const restored = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(Array.from(restored.predictProba(x))).toEqual(Array.from(model.predictProba(x)));
    expect(() => LogisticRegression.fromJSON({ kind: 'logistic-regression', version: 2 })).toThrow(MlError);
    expect(() => model.predictProba([[1, 2]])).toThrow('the model has 3 weights but rows have 2 features');
  });
});
