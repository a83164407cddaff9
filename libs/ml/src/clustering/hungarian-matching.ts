import { invalidInput } from '../ml-error';

export interface AssignmentSolution {
  /** Column assigned to each row, or -1 when there are more rows than columns and the row got none. */
  rowToColumn: Int32Array;
  /** Row assigned to each column, or -1. */
  columnToRow: Int32Array;
  totalCost: number;
}

/**
 * Minimum-cost assignment of rows to columns (Kuhn 1955, "The Hungarian method for the assignment problem";
 * Munkres 1957), in the O(n^2 m) form with row and column potentials and shortest augmenting paths (as in
 * Jonker & Volgenant 1987): each row is added by growing an alternating tree over columns, lowering the reduced
 * costs by the smallest slack until a free column is reached, then flipping the path. With n <= m every row is
 * matched; a wider-than-tall problem is solved on the transpose.
 */
export function solveAssignment(cost: ReadonlyArray<ArrayLike<number>>): AssignmentSolution {
  const rows = cost.length;
  const columns = rows === 0 ? 0 : cost[0]!.length;
  for (let i = 0; i < rows; i++) {
    const row = cost[i]!;
    if (row.length !== columns) {
      throw invalidInput(
        `cost[${i}] has ${row.length} entries but cost[0] has ${columns}; the cost matrix must be rectangular`,
      );
    }
    for (let j = 0; j < columns; j++) {
      if (!Number.isFinite(row[j]!))
        throw invalidInput(`cost[${i}][${j}] is ${String(row[j])}; costs must be finite numbers`);
    }
  }
  if (rows === 0 || columns === 0) {
    return {
      rowToColumn: new Int32Array(rows).fill(-1),
      columnToRow: new Int32Array(columns).fill(-1),
      totalCost: 0,
    };
  }
  if (rows > columns) {
    const transposed = Array.from({ length: columns }, (_, j) =>
      Array.from({ length: rows }, (_, i) => cost[i]![j]!),
    );
    const solution = solveAssignment(transposed);
    return {
      rowToColumn: solution.columnToRow,
      columnToRow: solution.rowToColumn,
      totalCost: solution.totalCost,
    };
  }
  return solveWide(cost, rows, columns);
}

/** rows <= columns. Indices are 1-based inside, with row/column 0 as the sentinel of the augmenting tree. */
function solveWide(
  cost: ReadonlyArray<ArrayLike<number>>,
  rows: number,
  columns: number,
): AssignmentSolution {
  const rowPotential = new Float64Array(rows + 1);
  const columnPotential = new Float64Array(columns + 1);
  const rowOfColumn = new Int32Array(columns + 1);
  const previousColumn = new Int32Array(columns + 1);
  const slack = new Float64Array(columns + 1);
  const visited = new Uint8Array(columns + 1);

  for (let row = 1; row <= rows; row++) {
    rowOfColumn[0] = row;
    let column = 0;
    slack.fill(Infinity);
    visited.fill(0);
    do {
      visited[column] = 1;
      const treeRow = rowOfColumn[column]!;
      let delta = Infinity;
      let nextColumn = 0;
      for (let j = 1; j <= columns; j++) {
        if (visited[j]) continue;
        const reduced = cost[treeRow - 1]![j - 1]! - rowPotential[treeRow]! - columnPotential[j]!;
        if (reduced < slack[j]!) {
          slack[j] = reduced;
          previousColumn[j] = column;
        }
        if (slack[j]! < delta) {
          delta = slack[j]!;
          nextColumn = j;
        }
      }
      for (let j = 0; j <= columns; j++) {
        if (visited[j]) {
          rowPotential[rowOfColumn[j]!] = rowPotential[rowOfColumn[j]!]! + delta;
          columnPotential[j] = columnPotential[j]! - delta;
        } else {
          slack[j] = slack[j]! - delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    do {
      const from = previousColumn[column]!;
      rowOfColumn[column] = rowOfColumn[from]!;
      column = from;
    } while (column !== 0);
  }

  const rowToColumn = new Int32Array(rows).fill(-1);
  const columnToRow = new Int32Array(columns).fill(-1);
  let totalCost = 0;
  for (let j = 1; j <= columns; j++) {
    const row = rowOfColumn[j]!;
    if (row === 0) continue;
    rowToColumn[row - 1] = j - 1;
    columnToRow[j - 1] = row - 1;
    totalCost += cost[row - 1]![j - 1]!;
  }
  return { rowToColumn, columnToRow, totalCost };
}
