import { shippedTopicClassifier, shippedTopicExamples } from '../analysis/shipped.models';
import { splitTopicExamples, topicSplit } from '../topics/topic.examples';
import { evaluateTopics } from '../topics/topic.evaluation';
import { fixed, labelMetricsTable } from './report.format';

type Print = (line: string) => void;

/** `eval topics`: per-label P/R/F1 and macro-F1 of the shipped classifier on the held-out split. */
export function topicsCommand(print: Print): void {
  const classifier = shippedTopicClassifier();
  const { examples } = shippedTopicExamples();
  const { train, test } = splitTopicExamples(examples, topicSplit.testShare, topicSplit.seed);
  const report = evaluateTopics(classifier, test);
  print(
    `shipped topic model ${classifier.modelVersion}: ${classifier.labels.length} labels, trained on ${train.length} ` +
      `of ${examples.length} examples, l2 ${classifier.training.l2}, threshold ${classifier.threshold}`,
  );
  print(
    `held-out split: seed ${topicSplit.seed}, ${topicSplit.testShare * 100}% per label, ${test.length} examples`,
  );
  print(labelMetricsTable(report.perLabel));
  print(
    `  macro-F1 ${fixed(report.macroF1)}   exact-set accuracy ${fixed(report.accuracy)}   (CV macro-F1 on training portion ${fixed(classifier.training.crossValidationMacroF1)})`,
  );
}
