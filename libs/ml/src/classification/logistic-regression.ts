import { invalidInput, invalidOption, MlError, requireInteger } from '../ml-error';
import { type Points, toDenseMatrix } from '../matrix/dense-matrix';
import { toBinaryLabels } from './binary-labels';
import { choleskySolve } from './cholesky-solve';

export interface LogisticRegressionOptions {
  /**
   * L2 penalty lambda in  sum_i logloss_i + lambda/2 ||w||^2  (the intercept is not penalised). Default 1, which
   * is scikit-learn's default C = 1 / lambda = 1, so fits are comparable.
   */
  l2?: number;
  fitIntercept?: boolean;
  /** Newton iterations cap. Default 50 (it typically converges in fewer than 10). */
  maxIterations?: number;
  /** Stop when half the squared Newton decrement falls below this. Default 1e-10. */
  tolerance?: number;
}

export interface LogisticRegressionJson {
  kind: 'logistic-regression';
  version: 1;
  weights: number[];
  intercept: number;
  l2: number;
}

/**
 * Binary logistic regression with an L2 penalty, fitted by Newton's method (iteratively reweighted least
 * squares; e.g. Hastie, Tibshirani & Friedman, ESL §4.4.1) with a backtracking line search.
 *
 * Why Newton on float64 arrays and not gradient descent on TensorFlow.js: for churn-sized problems (tens of
 * features) each step costs O(n d^2) and the penalised log-loss is strictly convex, so Newton reaches the unique
 * optimum in a handful of steps with no learning rate to tune, no float32 round-off, and no randomness — the
 * same data always gives the same model, which is stronger than seeding. Randomness lives in the train/test
 * split, which is seeded.
 */
export class LogisticRegression {
  private constructor(
    readonly weights: readonly number[],
    readonly intercept: number,
    readonly l2: number,
    /** Newton steps taken (0 for a model loaded from JSON). */
    readonly iterations: number,
    readonly converged: boolean,
  ) {}

  static fit(
    points: Points,
    labels: ArrayLike<number | boolean>,
    options: LogisticRegressionOptions = {},
  ): LogisticRegression {
    const data = toDenseMatrix(points);
    const y = toBinaryLabels(labels);
    if (y.length !== data.rows)
      throw invalidInput(`${y.length} labels for ${data.rows} rows; pass one label per row`);
    const l2 = options.l2 ?? 1;
    if (!(l2 >= 0)) throw invalidOption(`l2 must be >= 0, got ${String(l2)}`);
    const maxIterations = requireInteger('maxIterations', options.maxIterations ?? 50, 1);
    const tolerance = options.tolerance ?? 1e-10;
    const fitIntercept = options.fitIntercept ?? true;

    const { rows: n, cols: d, values } = data;
    const size = d + (fitIntercept ? 1 : 0);
    const theta = new Float64Array(size);
    const linear = new Float64Array(n);
    const computeLinear = (params: Float64Array): void => {
      for (let i = 0; i < n; i++) {
        let z = fitIntercept ? params[d]! : 0;
        for (let j = 0; j < d; j++) z += values[i * d + j]! * params[j]!;
        linear[i] = z;
      }
    };
    const objective = (params: Float64Array): number => {
      computeLinear(params);
      let loss = 0;
      for (let i = 0; i < n; i++) loss += softplus(linear[i]!) - y[i]! * linear[i]!;
      for (let j = 0; j < d; j++) loss += (l2 / 2) * params[j]! ** 2;
      return loss;
    };

    let loss = objective(theta);
    let iterations = 0;
    let converged = false;
    while (iterations < maxIterations) {
      iterations++;
      const gradient = new Float64Array(size);
      const hessian = new Float64Array(size * size);
      for (let i = 0; i < n; i++) {
        const p = sigmoid(linear[i]!);
        const residual = p - y[i]!;
        const weight = p * (1 - p);
        const offset = i * d;
        for (let a = 0; a < size; a++) {
          const xa = a < d ? values[offset + a]! : 1;
          gradient[a] = gradient[a]! + residual * xa;
          const weighted = weight * xa;
          for (let b = 0; b <= a; b++) {
            const xb = b < d ? values[offset + b]! : 1;
            hessian[a * size + b] = hessian[a * size + b]! + weighted * xb;
          }
        }
      }
      for (let a = 0; a < size; a++) {
        if (a < d) {
          gradient[a] = gradient[a]! + l2 * theta[a]!;
          hessian[a * size + a] = hessian[a * size + a]! + l2;
        }
        for (let b = 0; b < a; b++) hessian[b * size + a] = hessian[a * size + b]!;
      }
      const step = choleskySolve(hessian, gradient, size);
      let decrement = 0;
      for (let a = 0; a < size; a++) decrement += gradient[a]! * step[a]!;
      if (decrement / 2 <= tolerance) {
        // Within the quadratic-convergence region: one last full step squares the remaining error for free.
        const last = theta.map((value, a) => value - step[a]!);
        if (objective(last) <= loss) theta.set(last);
        converged = true;
        break;
      }
      // Backtracking (Armijo) line search: the full Newton step can overshoot far from the optimum.
      let scale = 1;
      let candidate = new Float64Array(size);
      let candidateLoss = Infinity;
      for (let halving = 0; halving < 40; halving++) {
        candidate = theta.map((value, a) => value - scale * step[a]!);
        candidateLoss = objective(candidate);
        if (candidateLoss <= loss - 0.25 * scale * decrement) break;
        scale /= 2;
      }
      if (!(candidateLoss < loss)) {
        computeLinear(theta);
        converged = true;
        break;
      }
      theta.set(candidate);
      loss = candidateLoss;
    }
    return new LogisticRegression(
      Array.from(theta.subarray(0, d)),
      fitIntercept ? theta[d]! : 0,
      l2,
      iterations,
      converged,
    );
  }

  static fromJSON(json: unknown): LogisticRegression {
    const value = json as Partial<LogisticRegressionJson> | null;
    if (
      value === null ||
      typeof value !== 'object' ||
      value.kind !== 'logistic-regression' ||
      value.version !== 1 ||
      !Array.isArray(value.weights) ||
      !value.weights.every((w) => Number.isFinite(w)) ||
      !Number.isFinite(value.intercept) ||
      !Number.isFinite(value.l2)
    ) {
      throw new MlError(
        'ml.invalid-model',
        'not a stored LogisticRegression: expected { kind: "logistic-regression", version: 1, weights, intercept, l2 } with finite numbers; re-train if it is from another version',
      );
    }
    return new LogisticRegression(value.weights, value.intercept!, value.l2!, 0, true);
  }

  /** P(label = 1) for each row. */
  predictProba(points: Points): Float64Array {
    const data = toDenseMatrix(points);
    if (data.cols !== this.weights.length) {
      throw invalidInput(
        `the model has ${this.weights.length} weights but rows have ${data.cols} features; pass the training columns in order`,
      );
    }
    const out = new Float64Array(data.rows);
    for (let i = 0; i < data.rows; i++) {
      let z = this.intercept;
      for (let j = 0; j < data.cols; j++) z += data.values[i * data.cols + j]! * this.weights[j]!;
      out[i] = sigmoid(z);
    }
    return out;
  }

  /** 1 where P(label = 1) >= threshold. */
  predict(points: Points, threshold = 0.5): Uint8Array {
    return Uint8Array.from(this.predictProba(points), (p) => (p >= threshold ? 1 : 0));
  }

  toJSON(): LogisticRegressionJson {
    return {
      kind: 'logistic-regression',
      version: 1,
      weights: [...this.weights],
      intercept: this.intercept,
      l2: this.l2,
    };
  }
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
