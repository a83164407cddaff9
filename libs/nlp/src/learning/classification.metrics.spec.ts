import { classificationReport, confusionMatrix, stratifiedFolds } from './classification.metrics';

describe('classificationReport', () => {
  it('computes per-label precision, recall, F1 and macro-F1 by hand-checked counts', () => {
    const gold = [['a'], ['a'], ['a'], ['b'], ['b'], ['c']];
    const predicted = [['a'], ['a'], ['b'], ['b'], ['a'], ['c']];
    const report = classificationReport(gold, predicted, ['a', 'b', 'c']);
    // a: TP 2, FP 1, FN 1 -> P 2/3, R 2/3; b: TP 1, FP 1, FN 1 -> 1/2, 1/2; c: 1, 1.
    expect(report.perLabel.map((m) => [m.label, m.precision, m.recall, m.support])).toEqual([
      ['a', 2 / 3, 2 / 3, 3],
      ['b', 0.5, 0.5, 2],
      ['c', 1, 1, 1],
    ]);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 10);
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it('counts multi-label predictions per label', () => {
    const report = classificationReport([['a', 'b']], [['a', 'c']], ['a', 'b', 'c']);
    expect(report.perLabel.map((m) => [m.precision, m.recall])).toEqual([
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
    expect(report.accuracy).toBe(0);
  });
});

describe('confusionMatrix', () => {
  it('puts gold in rows and predictions in columns', () => {
    expect(confusionMatrix(['n', 'n', 'p', 'p', 'p'], ['n', 'p', 'p', 'p', 'n'], ['n', 'p'])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });
});

describe('stratifiedFolds', () => {
  it('deals each class round-robin so every fold gets its share', () => {
    const labels = ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'y'];
    const folds = stratifiedFolds(labels, 2, [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(folds).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });
});
