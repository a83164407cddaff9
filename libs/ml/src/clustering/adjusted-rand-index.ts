import { invalidInput } from '../ml-error';

/**
 * Adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions"): the share of point pairs on which two
 * partitions agree, corrected for the agreement expected by chance under fixed cluster sizes. 1 for identical
 * partitions whatever the label names, ~0 for independent ones, negative when worse than chance. Computed from
 * the contingency table in O(n + cells):
 *   ARI = (sum_ij C(n_ij, 2) - E) / ((sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2 - E),  E = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2).
 * When both partitions are trivial in the same way (one cluster each, or all singletons) the ratio is 0/0;
 * like scikit-learn, that is perfect agreement, 1.
 */
export function adjustedRandIndex(
  first: ArrayLike<number | string>,
  second: ArrayLike<number | string>,
): number {
  if (first.length !== second.length) {
    throw invalidInput(
      `the partitions label ${first.length} and ${second.length} points; compare labels of the same points`,
    );
  }
  const n = first.length;
  if (n < 2) return 1;
  const pairs = (count: number): number => (count * (count - 1)) / 2;
  const rows = new Map<number | string, number>();
  const columns = new Map<number | string, number>();
  const cells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = first[i]!;
    const b = second[i]!;
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
    const cell = `${typeof a}:${String(a)}\u0000${typeof b}:${String(b)}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  }
  let index = 0;
  for (const count of cells.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of rows.values()) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columns.values()) columnPairs += pairs(count);
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
