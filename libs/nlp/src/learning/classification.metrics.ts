export interface LabelMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold examples carrying the label. */
  support: number;
}

export interface ClassificationReport {
  /** Share of examples whose predicted label set equals the gold set exactly. */
  accuracy: number;
  perLabel: LabelMetrics[];
  /** Unweighted mean of per-label F1 (every label counts the same, however rare). */
  macroF1: number;
  examples: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Per-label precision, recall and F1 over label sets (Manning, Raghavan & Schütze 2008, §13.6):
 * a label predicted and in the gold set is a true positive, predicted only a false positive, in
 * the gold set only a false negative. Single-label data is the special case of one-element sets.
 */
export function classificationReport(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): ClassificationReport {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} examples but predictions ${predicted.length}`);
  }
  const counts = new Map(
    labels.map((label) => [label, { truePositive: 0, falsePositive: 0, falseNegative: 0 }]),
  );
  let exact = 0;
  gold.forEach((goldLabels, index) => {
    const goldSet = new Set(goldLabels);
    const predictedSet = new Set(predicted[index]);
    if (goldSet.size === predictedSet.size && [...goldSet].every((label) => predictedSet.has(label))) exact++;
    for (const [label, count] of counts) {
      const inGold = goldSet.has(label);
      const inPredicted = predictedSet.has(label);
      if (inGold && inPredicted) count.truePositive++;
      else if (inPredicted) count.falsePositive++;
      else if (inGold) count.falseNegative++;
    }
  });
  const perLabel = [...counts].map(([label, { truePositive, falsePositive, falseNegative }]) => {
    const precision = ratio(truePositive, truePositive + falsePositive);
    const recall = ratio(truePositive, truePositive + falseNegative);
    return {
      label,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support: truePositive + falseNegative,
    };
  });
  return {
    accuracy: ratio(exact, gold.length),
    perLabel,
    macroF1: ratio(
      perLabel.reduce((sum, metrics) => sum + metrics.f1, 0),
      perLabel.length,
    ),
    examples: gold.length,
  };
}

/** matrix[g][p] counts examples of gold label g predicted as p, in the order of `labels`. */
export function confusionMatrix(
  gold: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
): number[][] {
  const index = new Map(labels.map((label, position) => [label, position]));
  const matrix = labels.map(() => labels.map(() => 0));
  gold.forEach((label, example) => {
    const row = index.get(label);
    const column = index.get(predicted[example]!);
    if (row !== undefined && column !== undefined) matrix[row]![column]!++;
  });
  return matrix;
}

/** Stratified k-fold assignment: shuffled within each class, then dealt round-robin. */
export function stratifiedFolds(
  labels: readonly string[],
  folds: number,
  order: readonly number[],
): number[] {
  const assignment = new Array<number>(labels.length).fill(0);
  const dealt = new Map<string, number>();
  for (const example of order) {
    const label = labels[example]!;
    const seen = dealt.get(label) ?? 0;
    assignment[example] = seen % folds;
    dealt.set(label, seen + 1);
  }
  return assignment;
}
