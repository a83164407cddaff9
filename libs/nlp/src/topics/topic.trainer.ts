import { NlpError } from '../errors/nlp.error';
import { TfidfVectoriser } from '../features/tfidf.vectoriser';
import type { ClassificationReport } from '../learning/classification.metrics';
import { classificationReport, stratifiedFolds } from '../learning/classification.metrics';
import { trainLogisticRegression } from '../learning/logistic-regression.trainer';
import { shuffled } from '../learning/seeded.random';
import { normaliseText } from '../text/text.normaliser';
import type { TopicScore } from './topic.classifier';
import { assignLabels, rankTopics, TopicClassifier } from './topic.classifier';
import type { TopicExample } from './topic.examples';
import { topicInputOf, topicTerms } from './topic.features';

export interface TopicTrainingOptions {
  /** The label set; defaults to every label used by the examples, in order of first use. */
  labels?: readonly string[];
  /** Candidate L2 penalties, chosen by out-of-fold macro-F1. */
  l2Grid?: readonly number[];
  /** Candidate assignment thresholds, chosen jointly with l2. */
  thresholdGrid?: readonly number[];
  folds?: number;
  seed?: number;
  minDocumentFrequency?: number;
}

export interface TopicTrainingResult {
  classifier: TopicClassifier;
  /** Out-of-fold report of the chosen settings on the training examples. */
  crossValidation: ClassificationReport;
}

export const defaultTopicTraining = {
  l2Grid: [3e-4, 1e-3, 3e-3, 1e-2],
  thresholdGrid: [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
  folds: 5,
  seed: 1,
  // A few hundred examples: a term seen once may be the only cue for a rare intent, so keep it.
  minDocumentFrequency: 1,
} as const;

/**
 * Fits the vectoriser and one logistic regression per label, yielding before each label's fit: the
 * unit of work a caller that must stay responsive can pause between (see trainTopicClassifierInSlices).
 */
function* fitParts(
  documents: readonly string[][],
  labelSets: readonly (readonly string[])[],
  labels: readonly string[],
  l2: number,
  minDocumentFrequency: number,
): Generator<void, FittedParts> {
  const vectoriser = TfidfVectoriser.fit(documents, { minDocumentFrequency });
  const matrix = vectoriser.transformAll(documents);
  const weights: Float64Array[] = [];
  const biases: number[] = [];
  for (const label of labels) {
    yield;
    const model = trainLogisticRegression(
      matrix,
      labelSets.map((set) => (set.includes(label) ? 1 : 0)),
      { l2 },
    );
    weights.push(model.weights);
    biases.push(model.bias);
  }
  return { vectoriser, weights, biases };
}

interface FittedParts {
  vectoriser: TfidfVectoriser;
  weights: Float64Array[];
  biases: number[];
}

/** Topic features of each example's text. */
export function topicDocuments(examples: readonly TopicExample[]): string[][] {
  return examples.map((example) => {
    const { clauses, polarity } = topicInputOf(normaliseText(example.text));
    return topicTerms(clauses, polarity);
  });
}

/**
 * Trains the one-vs-rest topic classifier. l2 and the assignment threshold are chosen together by
 * stratified k-fold cross-validation on the examples (best out-of-fold macro-F1); the final
 * classifier is fitted on all examples. Runs to completion synchronously (CLI, tests).
 */
export function trainTopicClassifier(
  examples: readonly TopicExample[],
  options: TopicTrainingOptions = {},
): TopicTrainingResult {
  const steps = topicTrainingSteps(examples, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same training, handing control back through `pause` between single-label fits (tens of
 * milliseconds each on a few hundred examples) so a service's event loop keeps serving requests
 * and Kafka heartbeats while it retrains. `pause` is the caller's: the library schedules nothing.
 */
export async function trainTopicClassifierInSlices(
  examples: readonly TopicExample[],
  options: TopicTrainingOptions,
  pause: () => Promise<void>,
): Promise<TopicTrainingResult> {
  const steps = topicTrainingSteps(examples, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* topicTrainingSteps(
  examples: readonly TopicExample[],
  options: TopicTrainingOptions,
): Generator<void, TopicTrainingResult> {
  const labels = options.labels ?? [...new Set(examples.flatMap((example) => example.labels))];
  const l2Grid = options.l2Grid ?? defaultTopicTraining.l2Grid;
  const thresholdGrid = options.thresholdGrid ?? defaultTopicTraining.thresholdGrid;
  const folds = options.folds ?? defaultTopicTraining.folds;
  const seed = options.seed ?? defaultTopicTraining.seed;
  const minDocumentFrequency = options.minDocumentFrequency ?? defaultTopicTraining.minDocumentFrequency;
  const known = new Set(labels);
  const unknown = examples.flatMap((example) => example.labels).filter((label) => !known.has(label));
  if (unknown.length > 0) {
    throw new NlpError(
      'TRAINING_INVALID',
      `examples use labels outside the label set: ${[...new Set(unknown)].join(', ')}`,
    );
  }
  const thin = labels.filter(
    (label) => examples.filter((example) => example.labels.includes(label)).length < folds,
  );
  if (labels.length < 2 || thin.length > 0) {
    throw new NlpError(
      'TRAINING_INVALID',
      `topic training needs at least two labels with ${folds} examples each` +
        (thin.length > 0 ? `; too few for: ${thin.join(', ')}` : ''),
      { thin },
    );
  }

  const documents = topicDocuments(examples);
  const labelSets = examples.map((example) => example.labels);
  const order = shuffled(
    examples.map((_, index) => index),
    seed,
  );
  const foldOf = stratifiedFolds(
    examples.map((example) => example.labels[0]!),
    folds,
    order,
  );

  let best: { l2: number; threshold: number; report: ClassificationReport } | undefined;
  for (const l2 of l2Grid) {
    const outOfFold: TopicScore[][] = new Array(examples.length);
    for (let fold = 0; fold < folds; fold++) {
      const inFold = (index: number) => foldOf[index] === fold;
      const trainIndexes = examples.map((_, index) => index).filter((index) => !inFold(index));
      const parts = yield* fitParts(
        trainIndexes.map((index) => documents[index]!),
        trainIndexes.map((index) => labelSets[index]!),
        labels,
        l2,
        minDocumentFrequency,
      );
      documents.forEach((terms, index) => {
        if (inFold(index))
          outOfFold[index] = rankTopics({ labels, ...parts }, parts.vectoriser.transform(terms));
      });
    }
    for (const threshold of thresholdGrid) {
      const predicted = outOfFold.map((scores) =>
        assignLabels(scores, threshold).map((topic) => topic.label),
      );
      const report = classificationReport(labelSets, predicted, labels);
      if (best === undefined || report.macroF1 > best.report.macroF1) best = { l2, threshold, report };
    }
  }
  const chosen = best!;
  const parts = yield* fitParts(documents, labelSets, labels, chosen.l2, minDocumentFrequency);
  const classifier = TopicClassifier.create({
    labels,
    ...parts,
    threshold: chosen.threshold,
    training: {
      examples: examples.length,
      l2: chosen.l2,
      minDocumentFrequency,
      folds,
      crossValidationMacroF1: chosen.report.macroF1,
    },
  });
  return { classifier, crossValidation: chosen.report };
}
