import { readFileSync } from 'node:fs';
import { evaluateNeutral, evaluateSentiment, sentimentScorer } from '../sentiment/sentiment.evaluation';
import { trainSentimentModel } from '../sentiment/sentiment.trainer';
import { supportNeutralSplit, supportSplit, supportTestSplit } from '../sentiment/support-dataset.loader';
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
 * Regenerates libs/nlp/models/sentiment-model.json from the UCI data and the hand-written support
 * set: fixed splits of both, 5-fold CV on the two training portions together for l2 and lexicon
 * weight (each source weighted equally), final fit on both training portions.
 * Deterministic: the same data gives the same bytes (and the same modelVersion).
 */
export async function trainSentimentCommand(print: Print, dataDir?: string): Promise<void> {
  const { amazon, yelp } = loadUciSentiment(dataDir);
  const { train, test } = splitSentences([...amazon, ...yelp]);
  const support = supportTestSplit();
  const neutral = supportNeutralSplit();
  const started = Date.now();
  const { model, chosen, candidates } = trainSentimentModel([...train, ...support.train], {
    neutralSentences: neutral.train,
    provenance: {
      data:
        `UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015): ${uciSentimentFiles.amazon} + ${uciSentimentFiles.yelp}; ` +
        'userops hand-written support sentences: libs/nlp/data/support-sentiment.txt + support-neutral.txt',
      split: { ...sentimentSplit, trainSize: train.length },
      supportSplit: {
        ...supportSplit,
        trainSize: support.train.length,
        neutralTrainSize: neutral.train.length,
      },
    },
  });
  await writeModelFile(sentimentModelPath, model.toJson());
  const score = sentimentScorer(model);
  const onTest = evaluateSentiment(score, test);
  const onSupport = evaluateSentiment(score, support.test);
  const onNeutral = evaluateNeutral(score, neutral.test);
  print(
    `trained ${model.modelVersion} on ${train.length} UCI + ${support.train.length} support + ${neutral.train.length} neutral sentences in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const bySource = Object.entries(chosen.accuracyBySource)
    .map(([source, accuracy]) => `${source} ${fixed(accuracy)}`)
    .join(', ');
  print(
    `  ${candidates.length} candidates (l2 x lexicon weight) by 5-fold CV; chosen l2 ${chosen.l2}, lexicon weight ${chosen.lexiconWeight}, CV accuracy ${fixed(chosen.accuracy)} (mean of ${bySource})`,
  );
  print(
    `  vocabulary ${model.vocabularySize} terms; held-out accuracy ${fixed(onTest.accuracy)} on ${test.length} UCI sentences, ${fixed(onSupport.accuracy)} on ${support.test.length} support sentences`,
  );
  print(
    `  held-out neutral sentences: mean |score| ${fixed(onNeutral.meanAbsoluteScore)}, ${fixed(onNeutral.strongNegativeShare)} scored <= -${onNeutral.strongScore} (of ${onNeutral.examples})`,
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
