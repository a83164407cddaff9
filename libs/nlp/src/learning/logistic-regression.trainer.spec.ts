import { sparseMatrixOf } from '../features/sparse.matrix';
import { NlpError } from '../errors/nlp.error';
import { minimiseLbfgs } from './lbfgs.optimiser';
import { logit, sigmoid, trainLogisticRegression } from './logistic-regression.trainer';

const row = (entries: [number, number][]) => ({
  indices: Int32Array.from(entries.map(([index]) => index)),
  values: Float64Array.from(entries.map(([, value]) => value)),
});

describe('minimiseLbfgs', () => {
  it('finds the minimum of a shifted, badly scaled quadratic', () => {
    const target = [3, -2, 0.5];
    const scale = [1, 100, 0.01];
    const result = minimiseLbfgs(
      (x, gradient) => {
        let value = 0;
        for (let i = 0; i < 3; i++) {
          const d = x[i]! - target[i]!;
          value += scale[i]! * d * d;
          gradient[i] = 2 * scale[i]! * d;
        }
        return value;
      },
      new Float64Array(3),
      { maxIterations: 200, gradientTolerance: 1e-10 },
    );
    target.forEach((value, i) => expect(result.x[i]).toBeCloseTo(value, 4));
    expect(result.converged).toBe(true);
  });
});

describe('trainLogisticRegression', () => {
  // Feature 0 marks positives, feature 1 negatives, feature 2 is noise present in both.
  const rows = [
    row([
      [0, 1],
      [2, 1],
    ]),
    row([[0, 1]]),
    row([
      [0, 0.5],
      [2, 0.5],
    ]),
    row([
      [1, 1],
      [2, 1],
    ]),
    row([[1, 1]]),
    row([
      [1, 0.5],
      [2, 0.5],
    ]),
  ];
  const targets = [1, 1, 1, 0, 0, 0];
  const matrix = sparseMatrixOf(rows, 3);

  it('separates the classes and learns the signs of the informative features', () => {
    const model = trainLogisticRegression(matrix, targets, { l2: 1e-3 });
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(model.weights[1]).toBeLessThan(-1);
    expect(Math.abs(model.weights[2]!)).toBeLessThan(Math.abs(model.weights[0]!));
    rows.forEach((features, index) =>
      expect(sigmoid(logit(model, features)) > 0.5).toBe(targets[index] === 1),
    );
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const loose = trainLogisticRegression(matrix, targets, { l2: 1e-3 });
    const tight = trainLogisticRegression(matrix, targets, { l2: 1 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });

  it('satisfies the optimality condition: the penalised gradient vanishes at the solution', () => {
    const l2 = 0.01;
    const model = trainLogisticRegression(matrix, targets, { l2 });
    const gradient = [0, 0, 0];
    let biasGradient = 0;
    rows.forEach((features, r) => {
      const residual = (sigmoid(logit(model, features)) - targets[r]!) / rows.length;
      features.indices.forEach((column, k) => (gradient[column]! += residual * features.values[k]!));
      biasGradient += residual;
    });
    gradient.forEach((value, column) => expect(value + l2 * model.weights[column]!).toBeCloseTo(0, 5));
    expect(biasGradient).toBeCloseTo(0, 5);
  });

  it('refuses mismatched targets with TRAINING_INVALID', () => {
    expect(() => trainLogisticRegression(matrix, [1, 0], { l2: 1 })).toThrow(NlpError);
  });

  it('treats a row of weight 2 exactly like that row written twice', () => {
    const l2 = 0.01;
    const weighted = trainLogisticRegression(matrix, targets, { l2, sampleWeights: [2, 1, 1, 1, 1, 1] });
    const duplicated = trainLogisticRegression(sparseMatrixOf([rows[0]!, ...rows], 3), [1, ...targets], {
      l2,
    });
    duplicated.weights.forEach((value, column) => expect(weighted.weights[column]).toBeCloseTo(value, 6));
    expect(weighted.bias).toBeCloseTo(duplicated.bias, 6);
    // ...and unlike the unweighted fit, which it would equal if the weights were ignored.
    const plain = trainLogisticRegression(matrix, targets, { l2 });
    expect(Math.abs(weighted.bias - plain.bias)).toBeGreaterThan(1e-3);
  });

  it('fits soft targets: rows all at 0.5 give a zero decision value', () => {
    const model = trainLogisticRegression(matrix, new Array(6).fill(0.5), { l2: 1e-3 });
    rows.forEach((features) => expect(logit(model, features)).toBeCloseTo(0, 4));
  });

  it('gives the unweighted fit for uniform weights of any scale', () => {
    const l2 = 0.01;
    const plain = trainLogisticRegression(matrix, targets, { l2 });
    const uniform = trainLogisticRegression(matrix, targets, { l2, sampleWeights: new Array(6).fill(0.3) });
    plain.weights.forEach((value, column) => expect(uniform.weights[column]).toBeCloseTo(value, 6));
  });

  it.each([[[1, 1]], [[1, 1, 1, -1, 1, 1]], [[0, 0, 0, 0, 0, 0]], [[1, 1, 1, Number.NaN, 1, 1]]])(
    'refuses sample weights %j with TRAINING_INVALID',
    (sampleWeights) => {
      expect(() => trainLogisticRegression(matrix, targets, { l2: 1, sampleWeights })).toThrow(
        expect.objectContaining({ code: 'TRAINING_INVALID' }),
      );
    },
  );
});
