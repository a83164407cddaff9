import { NlpError } from '../errors/nlp.error';
import { TfidfVectoriser } from '../features/tfidf.vectoriser';
import { stratifiedFolds } from '../learning/classification.metrics';
import type { LogisticRegressionModel } from '../learning/logistic-regression.trainer';
import { logit, trainLogisticRegression } from '../learning/logistic-regression.trainer';
import { shuffled } from '../learning/seeded.random';
import { normaliseText } from '../text/text.normaliser';
import { scoreLexiconSentiment } from './lexicon-sentiment.scorer';
import { sentimentTerms } from './sentiment.features';
import { sentimentInputOf } from './sentiment.input';
import type { SentimentTrainingRecord } from './sentiment.model';
import { blendSentiment, SentimentModel } from './sentiment.model';
import type { NeutralSentence } from './support-dataset.loader';
import type { LabelledSentence } from './uci-dataset.loader';

export interface SentimentTrainingOptions {
  /** Candidate L2 penalties; the one with the best out-of-fold accuracy wins. */
  l2Grid?: readonly number[];
  /** Candidate lexicon weights in [0, 1]; chosen jointly with l2 on out-of-fold predictions. */
  lexiconWeightGrid?: readonly number[];
  folds?: number;
  seed?: number;
  /** A term must occur in this many training sentences to enter the vocabulary. */
  minDocumentFrequency?: number;
  /**
   * Give every source (`LabelledSentence.source`) the same total weight in the fit and the same
   * say in choosing l2 and the lexicon weight (the mean of per-source accuracies), so 500
   * support sentences are not drowned by 1,600 review sentences. Default true; with one source,
   * or sources of equal size, it changes nothing.
   */
  balanceSources?: boolean;
  /**
   * Sentences that are neither positive nor negative, fitted towards a score of 0 (a soft target
   * of 0.5). They count towards their source's weight but not towards accuracy, having no side.
   */
  neutralSentences?: readonly NeutralSentence[];
  /** Describes the data and split, recorded in the model file. */
  provenance: Pick<SentimentTrainingRecord, 'data' | 'split' | 'supportSplit'>;
}

export interface SentimentCandidate {
  l2: number;
  lexiconWeight: number;
  /** Out-of-fold accuracy: the mean of per-source accuracies when sources are balanced. */
  accuracy: number;
  /** Out-of-fold accuracy per source, over its labelled sentences. */
  accuracyBySource: Record<string, number>;
  /** Mean squared distance of the blended score from ±1 (0 for neutral); breaks accuracy ties. */
  brier: number;
}

export interface SentimentTrainingResult {
  model: SentimentModel;
  chosen: SentimentCandidate;
  candidates: SentimentCandidate[];
}

export const defaultSentimentTraining = {
  l2Grid: [1e-5, 3e-5, 1e-4, 3e-4, 1e-3],
  lexiconWeightGrid: Array.from({ length: 21 }, (_, step) => step / 20),
  folds: 5,
  seed: 1,
  // Terms seen once cannot generalise; dropping them cuts the UCI vocabulary from about 12,000 to
  // 3,100 terms (the shipped file stays near 100 KB) for at most a point of CV accuracy.
  minDocumentFrequency: 2,
} as const;

/** Classifier target of a neutral sentence: P(positive) = 0.5, a blended score of 0. */
const neutralTarget = 0.5;

interface PreparedSentence {
  terms: string[];
  lexicon: number;
  /** 1 positive, 0 negative, 0.5 neutral. */
  target: number;
  source: string;
  /** Row weight: 1, or n / (sources · n_source) when sources are balanced (mean weight 1). */
  weight: number;
}

function prepare(
  sentences: readonly { text: string; source: string; target: number }[],
  balanceSources: boolean,
): PreparedSentence[] {
  const perSource = new Map<string, number>();
  for (const { source } of sentences) perSource.set(source, (perSource.get(source) ?? 0) + 1);
  return sentences.map((sentence) => {
    const input = sentimentInputOf(normaliseText(sentence.text));
    return {
      terms: sentimentTerms(input.clauses),
      lexicon: scoreLexiconSentiment(input.clauses, input.exclamations).score,
      target: sentence.target,
      source: sentence.source,
      weight: balanceSources ? sentences.length / (perSource.size * perSource.get(sentence.source)!) : 1,
    };
  });
}

function fit(
  prepared: readonly PreparedSentence[],
  l2: number,
  minDocumentFrequency: number,
): { vectoriser: TfidfVectoriser; regression: LogisticRegressionModel } {
  const documents = prepared.map((sentence) => sentence.terms);
  const vectoriser = TfidfVectoriser.fit(documents, { minDocumentFrequency });
  const regression = trainLogisticRegression(
    vectoriser.transformAll(documents),
    prepared.map((sentence) => sentence.target),
    { l2, sampleWeights: prepared.map((sentence) => sentence.weight) },
  );
  return { vectoriser, regression };
}

/**
 * Trains the sentiment model: k-fold cross-validation on the training sentences (neutral ones
 * included) gives out-of-fold classifier scores for every candidate l2; the (l2, lexicon weight)
 * pair with the best out-of-fold accuracy of the blend on the labelled sentences is chosen from
 * data, never set by hand; the final classifier is then fitted on all training sentences with
 * that l2.
 */
export function trainSentimentModel(
  sentences: readonly LabelledSentence[],
  options: SentimentTrainingOptions,
): SentimentTrainingResult {
  const l2Grid = options.l2Grid ?? defaultSentimentTraining.l2Grid;
  const weightGrid = options.lexiconWeightGrid ?? defaultSentimentTraining.lexiconWeightGrid;
  const folds = options.folds ?? defaultSentimentTraining.folds;
  const seed = options.seed ?? defaultSentimentTraining.seed;
  const minDocumentFrequency = options.minDocumentFrequency ?? defaultSentimentTraining.minDocumentFrequency;
  const labels = new Set(sentences.map((sentence) => sentence.label));
  if (labels.size < 2 || sentences.length < folds * 2) {
    throw new NlpError(
      'TRAINING_INVALID',
      `sentiment training needs both labels and at least ${folds * 2} sentences, got ${sentences.length}`,
    );
  }
  if (l2Grid.length === 0 || weightGrid.some((weight) => weight < 0 || weight > 1)) {
    throw new NlpError('TRAINING_INVALID', 'l2Grid must not be empty and lexicon weights must lie in [0, 1]');
  }

  const balanceSources = options.balanceSources ?? true;
  const prepared = prepare(
    [
      ...sentences.map(({ text, source, label }) => ({ text, source, target: label })),
      ...(options.neutralSentences ?? []).map(({ text, source }) => ({
        text,
        source,
        target: neutralTarget,
      })),
    ],
    balanceSources,
  );
  const labelledBySource = new Map<string, number>();
  for (const { source } of sentences) labelledBySource.set(source, (labelledBySource.get(source) ?? 0) + 1);
  const sources = [...labelledBySource.keys()].sort();
  const order = shuffled(
    prepared.map((_, index) => index),
    seed,
  );
  // Folds keep each source's label balance, so every fold validates on every source.
  const foldOf = stratifiedFolds(
    prepared.map((sentence) => `${sentence.source}\u0000${sentence.target}`),
    folds,
    order,
  );

  const candidates: SentimentCandidate[] = [];
  for (const l2 of l2Grid) {
    const outOfFold: (number | null)[] = new Array(prepared.length).fill(null);
    for (let fold = 0; fold < folds; fold++) {
      const trainingRows = prepared.filter((_, index) => foldOf[index] !== fold);
      const { vectoriser, regression } = fit(trainingRows, l2, minDocumentFrequency);
      prepared.forEach((sentence, index) => {
        if (foldOf[index] !== fold) return;
        const vector = vectoriser.transform(sentence.terms);
        outOfFold[index] = vector.indices.length === 0 ? null : logit(regression, vector);
      });
    }
    for (const lexiconWeight of weightGrid) {
      const correct = new Map<string, number>();
      let squared = 0;
      prepared.forEach((sentence, index) => {
        const { score } = blendSentiment(outOfFold[index] ?? null, sentence.lexicon, lexiconWeight);
        if ((score > 0 ? 1 : 0) === sentence.target) {
          correct.set(sentence.source, (correct.get(sentence.source) ?? 0) + 1);
        }
        squared += sentence.weight * (score - (2 * sentence.target - 1)) ** 2;
      });
      const accuracyBySource = Object.fromEntries(
        sources.map((source) => [source, (correct.get(source) ?? 0) / labelledBySource.get(source)!]),
      );
      const totalCorrect = [...correct.values()].reduce((sum, count) => sum + count, 0);
      candidates.push({
        l2,
        lexiconWeight,
        accuracy: balanceSources
          ? Object.values(accuracyBySource).reduce((sum, accuracy) => sum + accuracy, 0) / sources.length
          : totalCorrect / sentences.length,
        accuracyBySource,
        brier: squared / prepared.length,
      });
    }
  }
  const chosen = candidates.reduce((best, candidate) =>
    candidate.accuracy > best.accuracy ||
    (candidate.accuracy === best.accuracy && candidate.brier < best.brier)
      ? candidate
      : best,
  );

  const { vectoriser, regression } = fit(prepared, chosen.l2, minDocumentFrequency);
  const model = SentimentModel.create(vectoriser, regression, chosen.lexiconWeight, {
    ...options.provenance,
    l2: chosen.l2,
    minDocumentFrequency,
    folds,
    crossValidationAccuracy: chosen.accuracy,
  });
  return { model, chosen, candidates };
}
