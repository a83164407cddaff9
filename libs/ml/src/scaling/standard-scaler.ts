import { invalidInput, MlError } from '../ml-error';
import { type DenseMatrix, type Points, toDenseMatrix } from '../matrix/dense-matrix';
import { expm1Columns, log1pColumns } from './log1p-transform';

export interface StandardScalerOptions {
  /** Columns to pass through log1p before standardising (skewed, non-negative features). */
  log1pColumns?: readonly number[];
  /** Column names, stored with the scaler so a model can check it is fed the features it was trained on. */
  featureNames?: readonly string[];
}

/** JSON form, stored with each model version. */
export interface StandardScalerJson {
  kind: 'standard-scaler';
  version: 1;
  featureNames: string[] | null;
  log1pColumns: number[];
  means: number[];
  scales: number[];
}

/**
 * z = (x' - mean) / std per column, where x' is x or log1p(x). Without it, k-means distances are dominated by
 * whichever feature has the largest units (revenue in cents beats sessions per week). std is the population
 * standard deviation (ddof = 0, as scikit-learn's StandardScaler); a constant column gets scale 1 so it maps to 0
 * instead of dividing by zero.
 */
export class StandardScaler {
  private constructor(
    readonly means: readonly number[],
    readonly scales: readonly number[],
    readonly logColumns: readonly number[],
    readonly featureNames: readonly string[] | undefined,
  ) {}

  static fit(points: Points, options: StandardScalerOptions = {}): StandardScaler {
    const raw = toDenseMatrix(points);
    const logColumns = checkColumns(options.log1pColumns ?? [], raw.cols);
    if (options.featureNames !== undefined && options.featureNames.length !== raw.cols) {
      throw invalidInput(
        `${options.featureNames.length} feature names for ${raw.cols} columns; name every column once`,
      );
    }
    const data = log1pColumns(raw, logColumns);
    const means: number[] = [];
    const scales: number[] = [];
    for (let j = 0; j < data.cols; j++) {
      let sum = 0;
      for (let i = 0; i < data.rows; i++) sum += data.values[i * data.cols + j]!;
      const mean = sum / data.rows;
      let squares = 0;
      for (let i = 0; i < data.rows; i++) squares += (data.values[i * data.cols + j]! - mean) ** 2;
      const std = Math.sqrt(squares / data.rows);
      means.push(mean);
      scales.push(std > 0 ? std : 1);
    }
    return new StandardScaler(means, scales, logColumns, options.featureNames);
  }

  static fromJSON(json: unknown): StandardScaler {
    const value = json as Partial<StandardScalerJson> | null;
    const numbers = (list: unknown): list is number[] =>
      Array.isArray(list) && list.every((x) => Number.isFinite(x));
    if (
      value === null ||
      typeof value !== 'object' ||
      value.kind !== 'standard-scaler' ||
      value.version !== 1 ||
      !numbers(value.means) ||
      !numbers(value.scales) ||
      value.means.length !== value.scales.length ||
      value.scales.some((scale) => scale <= 0) ||
      !numbers(value.log1pColumns)
    ) {
      throw new MlError(
        'ml.invalid-model',
        'not a stored StandardScaler: expected { kind: "standard-scaler", version: 1, means, scales, log1pColumns } ' +
          'with equal-length finite means and positive scales; re-fit the scaler if the stored model is from another version',
      );
    }
    const names = value.featureNames ?? undefined;
    if (names !== undefined && (!Array.isArray(names) || names.length !== value.means.length)) {
      throw new MlError(
        'ml.invalid-model',
        `stored StandardScaler has ${String(names?.length)} feature names for ${value.means.length} columns`,
      );
    }
    return new StandardScaler(
      value.means,
      value.scales,
      checkColumns(value.log1pColumns, value.means.length),
      names,
    );
  }

  get featureCount(): number {
    return this.means.length;
  }

  transform(points: Points): DenseMatrix {
    const data = log1pColumns(this.checkWidth(toDenseMatrix(points)), this.logColumns);
    const { rows, cols, values } = data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++)
        values[i * cols + j] = (values[i * cols + j]! - this.means[j]!) / this.scales[j]!;
    }
    return data;
  }

  /** Back to original units (e.g. a centroid, to show and describe it). */
  inverseTransform(points: Points): DenseMatrix {
    const data = this.checkWidth(toDenseMatrix(points));
    const { rows, cols } = data;
    const values = new Float64Array(data.values.length);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++)
        values[i * cols + j] = data.values[i * cols + j]! * this.scales[j]! + this.means[j]!;
    }
    return expm1Columns({ rows, cols, values }, this.logColumns);
  }

  /** One user's features, as the live scoring path needs them. */
  transformRow(row: ArrayLike<number>): number[] {
    return Array.from(this.transform([row]).values);
  }

  toJSON(): StandardScalerJson {
    return {
      kind: 'standard-scaler',
      version: 1,
      featureNames: this.featureNames === undefined ? null : [...this.featureNames],
      log1pColumns: [...this.logColumns],
      means: [...this.means],
      scales: [...this.scales],
    };
  }

  private checkWidth(data: DenseMatrix): DenseMatrix {
    if (data.cols !== this.means.length) {
      throw invalidInput(
        `the scaler was fitted on ${this.means.length} features but got ${data.cols}; pass the same columns in the same order`,
      );
    }
    return data;
  }
}

function checkColumns(columns: readonly number[], width: number): number[] {
  const unique = [...new Set(columns)];
  for (const column of unique) {
    if (!Number.isInteger(column) || column < 0 || column >= width) {
      throw invalidInput(`log1p column ${column} does not exist; columns are numbered 0 to ${width - 1}`);
    }
  }
  return unique.sort((a, b) => a - b);
}
