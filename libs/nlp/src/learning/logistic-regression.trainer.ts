import { NlpError } from '../errors/nlp.error';
import type { SparseMatrix, SparseVector } from '../features/sparse.matrix';
import { sparseDot } from '../features/sparse.matrix';
import { minimiseLbfgs } from './lbfgs.optimiser';

export interface LogisticRegressionOptions {
  /** L2 penalty λ in mean log-loss + λ/2·‖w‖² (the bias is not penalised). */
  l2: number;
  maxIterations?: number;
  /**
   * Non-negative weight per row; the loss becomes the weighted mean Σ wᵣ·ℓᵣ / Σ wᵣ, so uniform
   * weights give the same fit as none. Used to let a small domain count as much as a large one.
   */
  sampleWeights?: ArrayLike<number>;
}

export interface LogisticRegressionModel {
  weights: Float64Array;
  bias: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Decision value w·x + b. */
export function logit(model: LogisticRegressionModel, vector: SparseVector): number {
  return sparseDot(model.weights, vector) + model.bias;
}

/**
 * Binary L2-regularised logistic regression on sparse rows, fitted by L-BFGS on the exact mean
 * log-loss (Hastie, Tibshirani & Friedman, ESL 2nd ed., §4.4). `targets` hold 0 or 1, or a
 * probability in between: cross-entropy against a soft target of 0.5 is smallest at w·x + b = 0.
 */
export function trainLogisticRegression(
  features: SparseMatrix,
  targets: ArrayLike<number>,
  options: LogisticRegressionOptions,
): LogisticRegressionModel {
  const { rows, columns, rowStart, indices, values } = features;
  if (targets.length !== rows || rows === 0) {
    throw new NlpError(
      'TRAINING_INVALID',
      `need one target per row and at least one row, got ${targets.length} targets for ${rows} rows`,
    );
  }
  if (!(options.l2 > 0)) throw new NlpError('TRAINING_INVALID', `l2 must be positive, got ${options.l2}`);
  const lambda = options.l2;
  const bias = columns;
  const { sampleWeights } = options;
  let totalWeight = rows;
  if (sampleWeights !== undefined) {
    totalWeight = 0;
    for (let r = 0; r < rows; r++) totalWeight += sampleWeights[r] ?? Number.NaN;
    const valid =
      sampleWeights.length === rows &&
      Array.from(sampleWeights).every((weight) => weight >= 0 && Number.isFinite(weight)) &&
      totalWeight > 0;
    if (!valid) {
      throw new NlpError(
        'TRAINING_INVALID',
        `sampleWeights must hold ${rows} finite non-negative numbers with a positive sum`,
      );
    }
  }

  const objective = (parameters: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      let z = parameters[bias]!;
      for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) z += parameters[indices[k]!]! * values[k]!;
      const y = targets[r]!;
      const weight = sampleWeights === undefined ? 1 : sampleWeights[r]!;
      // −log p(y|x) = softplus(z) − y·z
      loss += weight * (softplus(z) - y * z);
      const residual = (weight * (sigmoid(z) - y)) / totalWeight;
      for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) gradient[indices[k]!]! += residual * values[k]!;
      gradient[bias]! += residual;
    }
    loss /= totalWeight;
    let squared = 0;
    for (let c = 0; c < columns; c++) {
      squared += parameters[c]! * parameters[c]!;
      gradient[c]! += lambda * parameters[c]!;
    }
    return loss + (lambda / 2) * squared;
  };

  const result = minimiseLbfgs(objective, new Float64Array(columns + 1), {
    maxIterations: options.maxIterations ?? 500,
    gradientTolerance: 1e-7,
  });
  return { weights: result.x.slice(0, columns), bias: result.x[bias]! };
}
