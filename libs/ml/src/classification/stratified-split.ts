import { invalidInput, invalidOption } from '../ml-error';
import { createRandom, shuffledIndices } from '../random/seeded-random';

export interface StratifiedSplitOptions {
  /** Share of each class held out for testing. Default 0.25. */
  testFraction?: number;
  seed?: number;
}

export interface TrainTestSplit {
  /** Row indices, ascending. */
  train: Int32Array;
  test: Int32Array;
}

/**
 * Train/test split that keeps each class's share equal in both parts. Churners are often a few percent of users;
 * a plain random split can leave the test part with almost none, and then recall and ROC AUC mean nothing. Each
 * class with at least two rows puts at least one row on each side.
 */
export function stratifiedSplit(
  labels: ArrayLike<number | string | boolean>,
  options: StratifiedSplitOptions = {},
): TrainTestSplit {
  const testFraction = options.testFraction ?? 0.25;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw invalidOption(`testFraction must be between 0 and 1 (exclusive), got ${String(testFraction)}`);
  }
  if (labels.length < 2) throw invalidInput(`need at least 2 rows to split, got ${labels.length}`);
  const random = createRandom(options.seed ?? 0);
  const byClass = new Map<number | string | boolean, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byClass.get(labels[i]!) ?? [];
    rows.push(i);
    byClass.set(labels[i]!, rows);
  }
  const train: number[] = [];
  const test: number[] = [];
  const classes = [...byClass.keys()].sort((a, b) => String(a).localeCompare(String(b)));
  for (const label of classes) {
    const rows = byClass.get(label)!;
    const order = shuffledIndices(rows.length, random);
    let testCount = Math.round(rows.length * testFraction);
    if (rows.length >= 2) testCount = Math.min(Math.max(testCount, 1), rows.length - 1);
    order.forEach((position, rank) => (rank < testCount ? test : train).push(rows[position]!));
  }
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}
