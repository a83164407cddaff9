import { createHash } from 'node:crypto';
import { NlpError } from '../errors/nlp.error';
import type { SparseVector } from '../features/sparse.matrix';
import { sparseDot } from '../features/sparse.matrix';
import { TfidfVectoriser } from '../features/tfidf.vectoriser';
import { sigmoid } from '../learning/logistic-regression.trainer';
import { ModelJsonReader, roundSignificant } from '../learning/model-json.reader';
import { normaliseText } from '../text/text.normaliser';
import type { TopicInput } from './topic.features';
import { topicInputOf, topicTerms } from './topic.features';

export const topicModelFormat = 'userops.nlp.topics';
export const topicModelFormatVersion = 1;

export interface TopicTrainingRecord {
  examples: number;
  l2: number;
  minDocumentFrequency: number;
  folds: number;
  /** Out-of-fold macro-F1 of the chosen l2 and threshold on the training examples. */
  crossValidationMacroF1: number;
}

export interface TopicModelJson {
  format: typeof topicModelFormat;
  formatVersion: typeof topicModelFormatVersion;
  /** Content hash: two files with the same version hold the same model. */
  modelVersion: string;
  labels: string[];
  /** A label is assigned when its score reaches this; otherwise only the best label is. */
  threshold: number;
  terms: string[];
  idf: number[];
  biases: number[];
  /** One row of term weights per label, in the order of `labels`. */
  weights: number[][];
  training: TopicTrainingRecord;
}

export interface TopicScore {
  label: string;
  /** One-vs-rest probability in [0, 1]; scores of different labels do not sum to 1. */
  score: number;
}

export interface TopicParts {
  labels: readonly string[];
  vectoriser: TfidfVectoriser;
  weights: readonly Float64Array[];
  biases: readonly number[];
  threshold: number;
  training: TopicTrainingRecord;
}

function contentVersion(body: Omit<TopicModelJson, 'modelVersion'>): string {
  return `topics-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12)}`;
}

/**
 * Multi-label topic/intent classifier: one L2-regularised logistic regression per label over
 * TF-IDF uni+bigrams of content-word stems (one-vs-rest, Rifkin & Klautau, JMLR 2004), so each
 * label gets an independent probability and a text can carry several topics.
 */
export class TopicClassifier {
  private constructor(
    private readonly parts: TopicParts,
    readonly modelVersion: string,
  ) {}

  /** Builds a classifier via its rounded JSON form, so it scores exactly as its file will. */
  static create(parts: TopicParts): TopicClassifier {
    const body: Omit<TopicModelJson, 'modelVersion'> = {
      format: topicModelFormat,
      formatVersion: topicModelFormatVersion,
      labels: [...parts.labels],
      threshold: roundSignificant(parts.threshold),
      terms: [...parts.vectoriser.terms],
      idf: Array.from(parts.vectoriser.idf, (value) => roundSignificant(value)),
      biases: parts.biases.map((value) => roundSignificant(value)),
      weights: parts.weights.map((row) => Array.from(row, (value) => roundSignificant(value))),
      training: parts.training,
    };
    const { format, formatVersion, ...rest } = body;
    return TopicClassifier.fromJson({ format, formatVersion, modelVersion: contentVersion(body), ...rest });
  }

  static fromJson(json: unknown): TopicClassifier {
    const reader = ModelJsonReader.of('topic model', json);
    reader.literal('format', topicModelFormat);
    reader.literal('formatVersion', topicModelFormatVersion);
    const labels = reader.strings('labels');
    if (labels.length === 0 || new Set(labels).size !== labels.length) {
      throw new NlpError('MODEL_INVALID', 'topic model: "labels" must be a non-empty list of distinct names');
    }
    const terms = reader.strings('terms');
    const idf = reader.numbers('idf', terms.length);
    const biases = reader.numbers('biases', labels.length);
    const weights = reader
      .numberRows('weights', labels.length, terms.length)
      .map((row) => Float64Array.from(row));
    const threshold = reader.number('threshold');
    if (threshold < 0 || threshold > 1) {
      throw new NlpError('MODEL_INVALID', `topic model: threshold must be within [0, 1], got ${threshold}`);
    }
    const training = reader.object('training');
    return new TopicClassifier(
      {
        labels,
        vectoriser: TfidfVectoriser.fromState({ terms, idf }),
        weights,
        biases,
        threshold,
        training: {
          examples: training.number('examples'),
          l2: training.number('l2'),
          minDocumentFrequency: training.number('minDocumentFrequency'),
          folds: training.number('folds'),
          crossValidationMacroF1: training.number('crossValidationMacroF1'),
        },
      },
      reader.string('modelVersion'),
    );
  }

  get labels(): readonly string[] {
    return this.parts.labels;
  }

  get threshold(): number {
    return this.parts.threshold;
  }

  get training(): TopicTrainingRecord {
    return this.parts.training;
  }

  /** Every label's score for a TF-IDF vector, best first. */
  scoreVector(vector: SparseVector): TopicScore[] {
    return rankTopics(this.parts, vector);
  }

  /** Every label's score, best first (a text of unknown words scores by the biases alone). */
  score(input: TopicInput): TopicScore[] {
    return this.scoreVector(this.parts.vectoriser.transform(topicTerms(input.clauses, input.polarity)));
  }

  /**
   * Labels assigned to a text: those at or above the threshold, or else the single best label
   * when the text holds any known term. A text with no known term gets no topic.
   */
  assign(input: TopicInput): TopicScore[] {
    const vector = this.parts.vectoriser.transform(topicTerms(input.clauses, input.polarity));
    if (vector.indices.length === 0) return [];
    return assignLabels(this.scoreVector(vector), this.parts.threshold);
  }

  /** Normalises and tokenises a text, then assigns labels. */
  assignText(text: string): TopicScore[] {
    return this.assign(topicInputOf(normaliseText(text)));
  }

  toJson(): TopicModelJson {
    return {
      format: topicModelFormat,
      formatVersion: topicModelFormatVersion,
      modelVersion: this.modelVersion,
      labels: [...this.parts.labels],
      threshold: this.parts.threshold,
      terms: [...this.parts.vectoriser.terms],
      idf: Array.from(this.parts.vectoriser.idf),
      biases: [...this.parts.biases],
      weights: this.parts.weights.map((row) => Array.from(row)),
      training: this.parts.training,
    };
  }
}

/** Every label's one-vs-rest probability for a TF-IDF vector, best first (ties by name). */
export function rankTopics(
  parts: Pick<TopicParts, 'labels' | 'weights' | 'biases'>,
  vector: SparseVector,
): TopicScore[] {
  return parts.labels
    .map((label, index) => ({
      label,
      score: sigmoid(sparseDot(parts.weights[index]!, vector) + parts.biases[index]!),
    }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
}

/** Scores sorted best first -> the assigned subset (at least the best one). */
export function assignLabels(sortedScores: readonly TopicScore[], threshold: number): TopicScore[] {
  const above = sortedScores.filter((topic) => topic.score >= threshold);
  return above.length > 0 ? above : sortedScores.slice(0, 1);
}
