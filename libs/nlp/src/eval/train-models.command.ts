import { readFileSync } from 'node:fs';
import { sentimentScorer, evaluateSentiment } from '../sentiment/sentiment.evaluation';
import { trainSentimentModel } from '../sentiment/sentiment.trainer';
import {
  loadUciSentiment,
  sentimentSplit,
  splitSentences,
  uciSentimentFiles,
} from '../sentiment/uci-dataset.loader';
import { parseTopicExamples, splitTopicExamples, topicSplit } from '../topics/topic.examples';
import { evaluateTopics } from '../topics/topic.evaluation';
import { trainTopicClassifier } from '../topics/topic.trainer';
import { sentimentModelPath, topicExamplesPath, topicModelPath, writeModelFile } from './model-file.writer';
import { fixed } from './report.format';

type Print = (line: string) => void;

/**
 * Regenerates libs/nlp/models/sentiment-model.json from the UCI data: fixed split, 5-fold CV on
 * the training portion for l2 and lexicon weight, final fit on the whole training portion.
 * Deterministic: the same data gives the same bytes (and the same modelVersion).
 */
export async function trainSentimentCommand(print: Print, dataDir?: string): Promise<void> {
  const { amazon, yelp } = loadUciSentiment(dataDir);
  const { train, test } = splitSentences([...amazon, ...yelp]);
  const started = Date.now();
  const { model, chosen, candidates } = trainSentimentModel(train, {
    provenance: {
      data: `UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015): ${uciSentimentFiles.amazon} + ${uciSentimentFiles.yelp}`,
      split: { ...sentimentSplit, trainSize: train.length },
    },
  });
  await writeModelFile(sentimentModelPath, model.toJson());
  const onTest = evaluateSentiment(sentimentScorer(model), test);
  print(
    `trained ${model.modelVersion} on ${train.length} sentences in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  print(
    `  ${candidates.length} candidates (l2 x lexicon weight) by 5-fold CV; chosen l2 ${chosen.l2}, lexicon weight ${chosen.lexiconWeight}, CV accuracy ${fixed(chosen.accuracy)}`,
  );
  print(
    `  vocabulary ${model.vocabularySize} terms; held-out test accuracy ${fixed(onTest.accuracy)} on ${test.length} sentences`,
  );
  print(`  written to ${sentimentModelPath}`);
}

/**
 * Regenerates libs/nlp/models/topic-model.json from libs/nlp/data/topic-examples.json, trained on
 * the fixed training portion only so that `eval topics` reports a genuinely held-out figure.
 */
export async function trainTopicsCommand(print: Print): Promise<void> {
  const { labels, examples } = parseTopicExamples(JSON.parse(readFileSync(topicExamplesPath, 'utf8')));
  const { train, test } = splitTopicExamples(examples, topicSplit.testShare, topicSplit.seed);
  const { classifier, crossValidation } = trainTopicClassifier(train, { labels });
  await writeModelFile(topicModelPath, classifier.toJson());
  const heldOut = evaluateTopics(classifier, test);
  print(
    `trained ${classifier.modelVersion} on ${train.length} of ${examples.length} examples (${labels.length} labels)`,
  );
  print(
    `  chosen l2 ${classifier.training.l2}, threshold ${classifier.threshold}; CV macro-F1 ${fixed(crossValidation.macroF1)}`,
  );
  print(`  held-out macro-F1 ${fixed(heldOut.macroF1)} on ${test.length} examples`);
  print(`  written to ${topicModelPath}`);
}
