import {
  confusionMatrix,
  evaluateBinaryClassifier,
  f1Score,
  precision,
  recall,
  rocAuc,
} from './classification-metrics';

describe('classification metrics', () => {
  const actual = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const scores = [0.9, 0.8, 0.4, 0.3, 0.7, 0.2, 0.2, 0.1, 0.05, 0.6];

  it('counts the confusion matrix and derives precision, recall and F1 by hand', () => {
    const predicted = scores.map((s) => (s >= 0.5 ? 1 : 0));
    const matrix = confusionMatrix(actual, predicted);
    expect(matrix).toEqual({ truePositives: 2, falsePositives: 2, trueNegatives: 4, falseNegatives: 2 });
    expect(precision(matrix)).toBe(0.5);
    expect(recall(matrix)).toBe(0.5);
    expect(f1Score(matrix)).toBe(0.5);
  });

  it('computes ROC AUC from ranks, counting ties as half', () => {
    // Of the 4 x 6 positive/negative pairs, the positive scores higher in: 0.9 -> 6, 0.8 -> 6, 0.4 -> 4, 0.3 -> 4.
    expect(rocAuc(actual, scores)).toBeCloseTo(20 / 24, 12);
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1, 0], [0.3, 0.5, 0.3])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
  });

  it('reports everything at a threshold', () => {
    const report = evaluateBinaryClassifier(actual, scores, 0.35);
    expect(report.confusion).toEqual({
      truePositives: 3,
      falsePositives: 2,
      trueNegatives: 4,
      falseNegatives: 1,
    });
    expect(report.precision).toBeCloseTo(3 / 5, 12);
    expect(report.recall).toBeCloseTo(3 / 4, 12);
    expect(report.f1).toBeCloseTo(2 / 3, 12);
    expect(report.accuracy).toBeCloseTo(7 / 10, 12);
    expect(report).toMatchObject({ positives: 4, negatives: 6, threshold: 0.35 });
  });

  it('returns 0 instead of NaN when a ratio has nothing to divide, and explains bad input', () => {
    const empty = confusionMatrix([0, 0], [0, 0]);
    expect([precision(empty), recall(empty), f1Score(empty)]).toEqual([0, 0, 0]);
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(
      'ROC AUC needs both classes, got 2 positives and 0 negatives',
    );
    expect(() => confusionMatrix([2], [1])).toThrow('actual[0] is 2; binary labels must be 0 or 1');
  });
});
