import type { LabelMetrics } from '../learning/classification.metrics';

export function fixed(value: number, digits = 4): string {
  return value.toFixed(digits);
}

/** Confusion matrix as aligned text, rows gold and columns predicted. */
export function confusionTable(classes: readonly string[], matrix: readonly (readonly number[])[]): string {
  const width = Math.max(9, ...classes.map((name) => name.length + 1));
  const header = `${'gold \\ predicted'.padEnd(18)}${classes.map((name) => name.padStart(width)).join('')}`;
  const rows = classes.map(
    (name, row) => `${name.padEnd(18)}${matrix[row]!.map((count) => String(count).padStart(width)).join('')}`,
  );
  return [header, ...rows].map((line) => `    ${line}`).join('\n');
}

export function labelMetricsTable(perLabel: readonly LabelMetrics[]): string {
  const width = Math.max(16, ...perLabel.map((metrics) => metrics.label.length + 2));
  const header = `${'label'.padEnd(width)}${['precision', 'recall', 'F1', 'support'].map((name) => name.padStart(10)).join('')}`;
  const rows = perLabel.map(
    (metrics) =>
      `${metrics.label.padEnd(width)}${[
        fixed(metrics.precision, 3),
        fixed(metrics.recall, 3),
        fixed(metrics.f1, 3),
      ]
        .map((value) => value.padStart(10))
        .join('')}${String(metrics.support).padStart(10)}`,
  );
  return [header, ...rows].map((line) => `    ${line}`).join('\n');
}
