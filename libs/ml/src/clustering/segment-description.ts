import { invalidInput } from '../ml-error';
import { type Points, toDenseMatrix } from '../matrix/dense-matrix';

/** Population statistics of one feature, in original units (what the scaler's inverse gives back). */
export interface FeatureSummary {
  name: string;
  mean: number;
  std: number;
  p25: number;
  p50: number;
  p75: number;
}

/** How one feature reads in a description. Defaults: "high <name>" and "low <name>". */
export interface FeatureWords {
  high?: string;
  low?: string;
}

export interface DescribeSegmentOptions {
  /** Words per feature name, e.g. `{ recencyDays: { low: 'recent', high: 'lapsed' } }`. */
  vocabulary?: Readonly<Record<string, FeatureWords>>;
  /** Features never mentioned (ids, counters that mean nothing to a marketer). */
  exclude?: readonly string[];
  /** At most this many terms, the most distinctive first. Default 3. */
  maxTerms?: number;
  /** Phrase for a segment that stands out on no feature. Default "typical users". */
  typical?: string;
}

export interface DescriptionTerm {
  feature: string;
  level: 'high' | 'low';
  word: string;
  /** (centroid - population mean) / population std: how far the segment stands out. */
  zScore: number;
}

export interface SegmentDescription {
  /** e.g. "high spend, frequent, recent". */
  phrase: string;
  terms: DescriptionTerm[];
}

/**
 * Describes a segment in business terms from its centroid, the way analysts label RFM cells: a feature is
 * mentioned when the centroid lies outside the population's interquartile range (above the 75th percentile:
 * "high"; below the 25th: "low"), and the terms are ordered by how many standard deviations the centroid sits
 * from the population mean, so the most distinctive trait comes first. Quartiles rather than a z-score cut-off
 * decide the level because behavioural features are skewed (revenue, counts): a modest z can still put a
 * segment above three quarters of the users.
 */
export function describeSegment(
  centroid: ArrayLike<number> | Readonly<Record<string, number>>,
  population: readonly FeatureSummary[],
  options: DescribeSegmentOptions = {},
): SegmentDescription {
  const valueOf = (feature: FeatureSummary, index: number): number => {
    const value = isArrayLike(centroid) ? centroid[index] : centroid[feature.name];
    if (value === undefined || !Number.isFinite(value)) {
      throw invalidInput(`the centroid has no finite value for feature "${feature.name}" (index ${index})`);
    }
    return value;
  };
  if (isArrayLike(centroid) && centroid.length !== population.length) {
    throw invalidInput(
      `the centroid has ${centroid.length} values but ${population.length} features are summarised`,
    );
  }
  const excluded = new Set(options.exclude ?? []);
  const terms: DescriptionTerm[] = [];
  population.forEach((feature, index) => {
    const value = valueOf(feature, index);
    if (excluded.has(feature.name)) return;
    const level = value > feature.p75 ? 'high' : value < feature.p25 ? 'low' : undefined;
    if (level === undefined) return;
    const words = options.vocabulary?.[feature.name] ?? {};
    const word = words[level] ?? `${level} ${feature.name}`;
    const zScore = feature.std > 0 ? (value - feature.mean) / feature.std : 0;
    terms.push({ feature: feature.name, level, word, zScore });
  });
  terms.sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore));
  const chosen = terms.slice(0, options.maxTerms ?? 3);
  return {
    phrase:
      chosen.length > 0 ? chosen.map((term) => term.word).join(', ') : (options.typical ?? 'typical users'),
    terms: chosen,
  };
}

/** Mean, population standard deviation and quartiles of each column, in the units given. */
export function summarisePopulation(points: Points, featureNames: readonly string[]): FeatureSummary[] {
  const data = toDenseMatrix(points);
  if (featureNames.length !== data.cols) {
    throw invalidInput(
      `${featureNames.length} feature names given for ${data.cols} columns; name every column once`,
    );
  }
  const column = new Float64Array(data.rows);
  return featureNames.map((name, j) => {
    let sum = 0;
    for (let i = 0; i < data.rows; i++) {
      column[i] = data.values[i * data.cols + j]!;
      sum += column[i]!;
    }
    const mean = sum / data.rows;
    let squares = 0;
    for (let i = 0; i < data.rows; i++) squares += (column[i]! - mean) ** 2;
    column.sort();
    return {
      name,
      mean,
      std: Math.sqrt(squares / data.rows),
      p25: quantileOfSorted(column, 0.25),
      p50: quantileOfSorted(column, 0.5),
      p75: quantileOfSorted(column, 0.75),
    };
  });
}

/** Linear interpolation between order statistics (Hyndman & Fan 1996 type 7, numpy's default). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function isArrayLike(
  value: ArrayLike<number> | Readonly<Record<string, number>>,
): value is ArrayLike<number> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}
