import { invalidInput } from '../ml-error';
import { toBinaryLabels } from './binary-labels';

export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface BinaryClassificationReport {
  threshold: number;
  confusion: ConfusionMatrix;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  positives: number;
  negatives: number;
}

export function confusionMatrix(
  actual: ArrayLike<number | boolean>,
  predicted: ArrayLike<number | boolean>,
): ConfusionMatrix {
  const truth = toBinaryLabels(actual, 'actual');
  const guess = toBinaryLabels(predicted, 'predicted');
  if (truth.length !== guess.length) {
    throw invalidInput(
      `actual has ${truth.length} labels but predicted has ${guess.length}; compare the same rows`,
    );
  }
  const matrix: ConfusionMatrix = {
    truePositives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    falseNegatives: 0,
  };
  for (let i = 0; i < truth.length; i++) {
    if (guess[i]) {
      if (truth[i]) matrix.truePositives++;
      else matrix.falsePositives++;
    } else if (truth[i]) matrix.falseNegatives++;
    else matrix.trueNegatives++;
  }
  return matrix;
}

/** TP / (TP + FP); 0 when nothing was predicted positive (scikit-learn's zero_division=0). */
export function precision(matrix: ConfusionMatrix): number {
  const predictedPositive = matrix.truePositives + matrix.falsePositives;
  return predictedPositive === 0 ? 0 : matrix.truePositives / predictedPositive;
}

/** TP / (TP + FN); 0 when there are no actual positives. */
export function recall(matrix: ConfusionMatrix): number {
  const actualPositive = matrix.truePositives + matrix.falseNegatives;
  return actualPositive === 0 ? 0 : matrix.truePositives / actualPositive;
}

/** Harmonic mean of precision and recall, 2 TP / (2 TP + FP + FN); 0 when both are 0. */
export function f1Score(matrix: ConfusionMatrix): number {
  const denominator = 2 * matrix.truePositives + matrix.falsePositives + matrix.falseNegatives;
  return denominator === 0 ? 0 : (2 * matrix.truePositives) / denominator;
}

/**
 * Area under the ROC curve from ranks: AUC = (R+ - n+(n+ + 1)/2) / (n+ n-), where R+ is the sum of the ranks of
 * the positives' scores (Mann–Whitney U / (n+ n-); Hanley & McNeil 1982). Tied scores share their average rank,
 * which counts a positive–negative tie as half a correct ordering, exactly like the trapezoidal ROC area.
 */
export function rocAuc(actual: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  const truth = toBinaryLabels(actual, 'actual');
  if (truth.length !== scores.length) {
    throw invalidInput(
      `actual has ${truth.length} labels but scores has ${scores.length}; score the same rows`,
    );
  }
  const order = Array.from({ length: scores.length }, (_, i) => i);
  for (const i of order) {
    if (!Number.isFinite(scores[i]!))
      throw invalidInput(`scores[${i}] is ${String(scores[i])}; scores must be finite`);
  }
  order.sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let r = start; r <= end; r++) {
      if (truth[order[r]!]) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = truth.length - positives;
  if (positives === 0 || negatives === 0) {
    throw invalidInput(
      `ROC AUC needs both classes, got ${positives} positives and ${negatives} negatives; use a stratified split`,
    );
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Everything a model version stores about its held-out performance. */
export function evaluateBinaryClassifier(
  actual: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
  threshold = 0.5,
): BinaryClassificationReport {
  const predicted = Array.from(scores, (score) => (score >= threshold ? 1 : 0));
  const confusion = confusionMatrix(actual, predicted);
  const total =
    confusion.truePositives + confusion.falsePositives + confusion.trueNegatives + confusion.falseNegatives;
  return {
    threshold,
    confusion,
    accuracy: total === 0 ? 0 : (confusion.truePositives + confusion.trueNegatives) / total,
    precision: precision(confusion),
    recall: recall(confusion),
    f1: f1Score(confusion),
    rocAuc: rocAuc(actual, scores),
    positives: confusion.truePositives + confusion.falseNegatives,
    negatives: confusion.trueNegatives + confusion.falsePositives,
  };
}
