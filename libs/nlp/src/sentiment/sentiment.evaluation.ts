import { classificationReport, confusionMatrix } from '../learning/classification.metrics';
import { normaliseText } from '../text/text.normaliser';
import { sentimentInputOf } from './sentiment.input';
import type { SentimentModel } from './sentiment.model';
import type { NeutralSentence } from './support-dataset.loader';
import { supportTestSplit } from './support-dataset.loader';
import type { LabelledSentence } from './uci-dataset.loader';
import { loadUciSentiment, sentimentSplit, splitSentences } from './uci-dataset.loader';
import type { SentimentTrainingOptions } from './sentiment.trainer';
import { trainSentimentModel } from './sentiment.trainer';

export const sentimentClasses = ['negative', 'positive'] as const;

export interface SentimentEvaluation {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** Rows are gold classes, columns predictions, both in the order of `classes`. */
  confusion: { classes: readonly string[]; matrix: number[][] };
}

/** A score above 0 predicts positive; 0 itself (no evidence either way) predicts negative. */
export function sentimentClassOf(score: number): (typeof sentimentClasses)[number] {
  return score > 0 ? 'positive' : 'negative';
}

/** Accuracy, macro-F1 over both classes and the confusion matrix of a model on labelled text. */
export function evaluateSentiment(
  score: (text: string) => number,
  sentences: readonly LabelledSentence[],
): SentimentEvaluation {
  const gold = sentences.map((sentence) => sentimentClasses[sentence.label]);
  const predicted = sentences.map((sentence) => sentimentClassOf(score(sentence.text)));
  const report = classificationReport(
    gold.map((label) => [label]),
    predicted.map((label) => [label]),
    sentimentClasses,
  );
  return {
    examples: sentences.length,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    confusion: { classes: sentimentClasses, matrix: confusionMatrix(gold, predicted, sentimentClasses) },
  };
}

export interface NeutralEvaluation {
  examples: number;
  meanScore: number;
  meanAbsoluteScore: number;
  /** Share scored ≤ −strongScore or ≥ strongScore: neutral text read as clearly negative/positive. */
  strongNegativeShare: number;
  strongPositiveShare: number;
  strongScore: number;
}

/**
 * How far a model strays from 0 on neutral text. 0.3 is the magnitude insight's default
 * negative-feedback alert fires at, so strongNegativeShare is the share of false alerts.
 */
export function evaluateNeutral(
  score: (text: string) => number,
  sentences: readonly NeutralSentence[],
  strongScore = 0.3,
): NeutralEvaluation {
  const scores = sentences.map((sentence) => score(sentence.text));
  const share = (predicate: (value: number) => boolean) =>
    scores.filter(predicate).length / Math.max(1, scores.length);
  return {
    examples: scores.length,
    meanScore: scores.reduce((sum, value) => sum + value, 0) / Math.max(1, scores.length),
    meanAbsoluteScore: scores.reduce((sum, value) => sum + Math.abs(value), 0) / Math.max(1, scores.length),
    strongNegativeShare: share((value) => value <= -strongScore),
    strongPositiveShare: share((value) => value >= strongScore),
    strongScore,
  };
}

/** The model's blended score of a raw text. */
export function sentimentScorer(model: SentimentModel): (text: string) => number {
  return (text) => model.score(sentimentInputOf(normaliseText(text))).score;
}

export interface CrossDomainEvaluation {
  amazonToYelp: SentimentEvaluation;
  yelpToAmazon: SentimentEvaluation;
}

/**
 * Domain transfer: a model trained (with its own cross-validated choices) on all of one UCI
 * domain, tested on all of the other. Phone reviews and restaurant reviews share little
 * vocabulary beyond generic opinion words, so this is the figure to expect on a new product.
 */
export function evaluateCrossDomain(
  dataDir?: string,
  options: Omit<SentimentTrainingOptions, 'provenance'> = {},
): CrossDomainEvaluation {
  const { amazon, yelp } = loadUciSentiment(dataDir);
  const trainOn = (sentences: LabelledSentence[], name: string) =>
    trainSentimentModel(sentences, {
      ...options,
      provenance: { data: `UCI ${name} only`, split: { seed: 0, testShare: 0, trainSize: sentences.length } },
    }).model;
  return {
    amazonToYelp: evaluateSentiment(sentimentScorer(trainOn(amazon, 'amazon')), yelp),
    yelpToAmazon: evaluateSentiment(sentimentScorer(trainOn(yelp, 'yelp')), amazon),
  };
}

/** The fixed UCI test split (Amazon + Yelp), the one the shipped model never saw. */
export function uciTestSplit(dataDir?: string): { train: LabelledSentence[]; test: LabelledSentence[] } {
  const { amazon, yelp } = loadUciSentiment(dataDir);
  return splitSentences([...amazon, ...yelp]);
}

/**
 * Reviews to support text: a model trained (same procedure) on the UCI training portion alone,
 * tested on the held-out support sentences. This is how the review-only model fared on tickets,
 * the gap the support set exists to close.
 */
export function evaluateReviewsOnSupport(
  dataDir?: string,
  options: Omit<SentimentTrainingOptions, 'provenance'> = {},
): SentimentEvaluation {
  const { train } = uciTestSplit(dataDir);
  const { model } = trainSentimentModel(train, {
    ...options,
    provenance: { data: 'UCI training portion only', split: { ...sentimentSplit, trainSize: train.length } },
  });
  return evaluateSentiment(sentimentScorer(model), supportTestSplit().test);
}
