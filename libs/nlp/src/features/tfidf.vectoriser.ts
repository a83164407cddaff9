import { NlpError } from '../errors/nlp.error';
import type { SparseMatrix, SparseVector } from './sparse.matrix';
import { sparseMatrixOf } from './sparse.matrix';

export interface TfidfFitOptions {
  /** Terms seen in fewer documents are dropped: a term seen once cannot generalise. */
  minDocumentFrequency?: number;
}

export interface TfidfState {
  terms: string[];
  idf: number[];
}

/**
 * TF-IDF with sublinear term frequency 1 + ln(tf), smoothed inverse document frequency
 * ln((1 + N) / (1 + df)) + 1 and unit-length rows: the weighting Manning, Raghavan & Schütze
 * (Introduction to Information Retrieval, 2008, §6.4) recommend and scikit-learn uses by default.
 */
export class TfidfVectoriser {
  private readonly columnOf: Map<string, number>;

  private constructor(
    readonly terms: readonly string[],
    readonly idf: Float64Array,
  ) {
    this.columnOf = new Map(terms.map((term, column) => [term, column]));
  }

  static fit(documents: readonly (readonly string[])[], options: TfidfFitOptions = {}): TfidfVectoriser {
    const minDf = options.minDocumentFrequency ?? 1;
    const documentFrequency = new Map<string, number>();
    for (const terms of documents) {
      for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    // Sorted so that the same documents always give the same columns, whatever the input order.
    const terms = [...documentFrequency.keys()]
      .filter((term) => documentFrequency.get(term)! >= minDf)
      .sort();
    const n = documents.length;
    const idf = Float64Array.from(
      terms,
      (term) => Math.log((1 + n) / (1 + documentFrequency.get(term)!)) + 1,
    );
    return new TfidfVectoriser(terms, idf);
  }

  static fromState(state: TfidfState): TfidfVectoriser {
    if (state.terms.length !== state.idf.length) {
      throw new NlpError(
        'MODEL_INVALID',
        `TF-IDF state has ${state.terms.length} terms but ${state.idf.length} idf values`,
      );
    }
    return new TfidfVectoriser(state.terms, Float64Array.from(state.idf));
  }

  get size(): number {
    return this.terms.length;
  }

  columnOfTerm(term: string): number | undefined {
    return this.columnOf.get(term);
  }

  /** Unit-length TF-IDF vector of one document; unknown terms are ignored. */
  transform(terms: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of terms) {
      const column = this.columnOf.get(term);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float64Array(indices.length);
    let squared = 0;
    for (let k = 0; k < indices.length; k++) {
      const column = indices[k]!;
      const weight = (1 + Math.log(counts.get(column)!)) * this.idf[column]!;
      values[k] = weight;
      squared += weight * weight;
    }
    if (squared > 0) {
      const norm = Math.sqrt(squared);
      for (let k = 0; k < values.length; k++) values[k]! /= norm;
    }
    return { indices, values };
  }

  transformAll(documents: readonly (readonly string[])[]): SparseMatrix {
    return sparseMatrixOf(
      documents.map((terms) => this.transform(terms)),
      this.size,
    );
  }

  toState(): TfidfState {
    return { terms: [...this.terms], idf: Array.from(this.idf) };
  }
}
