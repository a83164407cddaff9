import type { ClassificationReport } from '../learning/classification.metrics';
import { classificationReport } from '../learning/classification.metrics';
import type { TopicClassifier } from './topic.classifier';
import type { TopicExample } from './topic.examples';

/** Per-label precision, recall, F1 and macro-F1 of the assigned label sets on examples. */
export function evaluateTopics(
  classifier: TopicClassifier,
  examples: readonly TopicExample[],
): ClassificationReport {
  const predicted = examples.map((example) =>
    classifier.assignText(example.text).map((topic) => topic.label),
  );
  return classificationReport(
    examples.map((example) => example.labels),
    predicted,
    classifier.labels,
  );
}
