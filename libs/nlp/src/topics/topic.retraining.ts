import { NlpError } from '../errors/nlp.error';
import type { ClassificationReport } from '../learning/classification.metrics';
import { normaliseText } from '../text/text.normaliser';
import type { TopicClassifier } from './topic.classifier';
import type { TopicExample, TopicExampleSet } from './topic.examples';
import { splitTopicExamples, topicSplit } from './topic.examples';
import { evaluateTopics } from './topic.evaluation';
import { defaultTopicTraining, trainTopicClassifierInSlices } from './topic.trainer';

/**
 * Fewest examples a label may have: after the 25% held-out split at least `folds` (5) remain for
 * cross-validation, and at least one is held out to measure it.
 */
export const minimumExamplesPerLabel = 7;

export interface TopicRetrainingInput {
  /** The shipped starter set (labels and examples). */
  starter: TopicExampleSet;
  /** Examples a product team added; they may introduce labels the starter set lacks. */
  team: readonly TopicExample[];
  /** Each label needs at least this many examples (starter and team together). */
  minExamplesPerLabel: number;
}

/** A label with too few examples to train and evaluate on. */
export interface ThinLabel {
  label: string;
  examples: number;
  needed: number;
}

export interface PreparedTopicRetraining {
  /** Starter labels first, in their order, then new team labels in order of first use. */
  labels: string[];
  train: TopicExample[];
  test: TopicExample[];
  /** Examples per label in the deduplicated set. */
  examplesPerLabel: Record<string, number>;
  counts: { starter: number; team: number; total: number };
}

export interface TopicRetrainingResult extends PreparedTopicRetraining {
  classifier: TopicClassifier;
  /** Per-label precision, recall, F1 and macro-F1 of `classifier` on the held-out `test` split. */
  evaluation: ClassificationReport;
}

/** Key under which two examples count as the same text ("Too  slow!" and "too slow!"). */
const textKey = (text: string): string => normaliseText(text).trim();

/**
 * Joins starter and team examples. A text written twice (by the team, or matching a starter
 * example) is kept once with the union of its labels: otherwise one copy could land in the
 * training split and the other in the held-out split, inflating the figures.
 */
export function mergeTopicExamples(
  starter: readonly TopicExample[],
  team: readonly TopicExample[],
): TopicExample[] {
  const byText = new Map<string, TopicExample>();
  for (const example of [...starter, ...team]) {
    const key = textKey(example.text);
    const existing = byText.get(key);
    if (existing) existing.labels = [...new Set([...existing.labels, ...example.labels])];
    else byText.set(key, { text: example.text, labels: [...example.labels] });
  }
  return [...byText.values()];
}

/**
 * Checks and splits the examples a retrain would use, without training: the fixed seeded split
 * of `eval topics` (stratified by first label), so a starter-only retrain reproduces its figures.
 * Throws NlpError TRAINING_INVALID with `details.thin` when a label has too few examples.
 */
export function prepareTopicRetraining(input: TopicRetrainingInput): PreparedTopicRetraining {
  const { starter, team } = input;
  const minimum = Math.max(input.minExamplesPerLabel, minimumExamplesPerLabel);
  const examples = mergeTopicExamples(starter.examples, team);
  const labels = [...new Set([...starter.labels, ...team.flatMap((example) => example.labels)])];
  const examplesPerLabel = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const example of examples) for (const label of example.labels) examplesPerLabel[label]!++;
  const thin: ThinLabel[] = labels
    .filter((label) => examplesPerLabel[label]! < minimum)
    .map((label) => ({ label, examples: examplesPerLabel[label]!, needed: minimum }));
  if (thin.length > 0) {
    throw new NlpError(
      'TRAINING_INVALID',
      `every label needs at least ${minimum} examples to train and evaluate; add examples for ` +
        thin.map(({ label, examples: count }) => `"${label}" (has ${count})`).join(', ') +
        ', or remove the few it has, then retrain',
      { thin },
    );
  }
  const { train, test } = splitTopicExamples(examples, topicSplit.testShare, topicSplit.seed);
  return {
    labels,
    train,
    test,
    examplesPerLabel,
    counts: { starter: starter.examples.length, team: team.length, total: examples.length },
  };
}

/**
 * Retrains the topic classifier on the starter and team examples: trains on the training split
 * (l2 and threshold by cross-validation, see trainTopicClassifier) and evaluates on the held-out
 * split, so the stored figures describe the stored model. `pause` is awaited between single-label
 * fits (see trainTopicClassifierInSlices).
 */
export async function retrainTopicModel(
  input: TopicRetrainingInput,
  pause: () => Promise<void>,
): Promise<TopicRetrainingResult> {
  const prepared = prepareTopicRetraining(input);
  const { classifier } = await trainTopicClassifierInSlices(
    prepared.train,
    { labels: prepared.labels, folds: defaultTopicTraining.folds },
    pause,
  );
  return { ...prepared, classifier, evaluation: evaluateTopics(classifier, prepared.test) };
}
