import { relative } from 'node:path';
import { natural } from '../text/natural.loader';
import { shippedSentimentModel } from '../analysis/shipped.models';
import { NlpError } from '../errors/nlp.error';
import { scoreLexiconSentiment } from '../sentiment/lexicon-sentiment.scorer';
import type { SentimentEvaluation } from '../sentiment/sentiment.evaluation';
import {
  evaluateCrossDomain,
  evaluateNeutral,
  evaluateReviewsOnSupport,
  evaluateSentiment,
  sentimentScorer,
  uciTestSplit,
} from '../sentiment/sentiment.evaluation';
import type { SentimentModel } from '../sentiment/sentiment.model';
import { sentimentInputOf } from '../sentiment/sentiment.input';
import {
  supportNeutralPath,
  supportNeutralSplit,
  supportSentimentPath,
  supportSplit,
  supportTestSplit,
} from '../sentiment/support-dataset.loader';
import type { LabelledSentence } from '../sentiment/uci-dataset.loader';
import { readUciSentimentFile, sentimentSplit } from '../sentiment/uci-dataset.loader';
import { normaliseText } from '../text/text.normaliser';
import { confusionTable, fixed } from './report.format';

type Print = (line: string) => void;

function printEvaluation(print: Print, title: string, evaluation: SentimentEvaluation): void {
  print(title);
  print(
    `  accuracy ${fixed(evaluation.accuracy)}   macro-F1 ${fixed(evaluation.macroF1)}   (${evaluation.examples} sentences)`,
  );
  print('  confusion matrix:');
  print(confusionTable(evaluation.confusion.classes, evaluation.confusion.matrix));
}

/** `eval sentiment --file PATH`: the shipped model on a team's own UCI-format file. */
export function sentimentFileCommand(print: Print, path: string): void {
  const model = shippedSentimentModel();
  const sentences = readUciSentimentFile(path);
  if (sentences.length === 0) throw new NlpError('DATA_INVALID', `${path} holds no labelled sentences`);
  printEvaluation(
    print,
    `shipped model ${model.modelVersion} on ${path}`,
    evaluateSentiment(sentimentScorer(model), sentences),
  );
}

/** The shipped model's two components alone, and natural's analyser as the floor, on one split. */
function printComponents(print: Print, model: SentimentModel, sentences: readonly LabelledSentence[]): void {
  const classifierOnly = evaluateSentiment(
    (text) => model.classifierLogit(sentimentInputOf(normaliseText(text)).clauses) ?? 0,
    sentences,
  );
  const lexiconOnly = evaluateSentiment((text) => {
    const input = sentimentInputOf(normaliseText(text));
    return scoreLexiconSentiment(input.clauses, input.exclamations).score;
  }, sentences);
  const tokenizer = new natural.WordTokenizer();
  const naturalAfinn = new natural.SentimentAnalyzer('English', natural.PorterStemmer, 'afinn');
  const naturalOnly = evaluateSentiment(
    (text) => naturalAfinn.getSentiment(tokenizer.tokenize(text)),
    sentences,
  );
  print('components on the same split (accuracy):');
  print(
    `  classifier alone ${fixed(classifierOnly.accuracy)}   lexicon alone ${fixed(lexiconOnly.accuracy)}   natural SentimentAnalyzer (AFINN) ${fixed(naturalOnly.accuracy)}`,
  );
}

function sameSplit(
  recorded: { seed: number; testShare: number } | undefined,
  fixedSplit: { seed: number; testShare: number },
): boolean {
  return recorded?.seed === fixedSplit.seed && recorded.testShare === fixedSplit.testShare;
}

/**
 * `eval sentiment`: the shipped model on the fixed UCI test split and on the held-out support
 * sentences, its two components alone for context, natural's analyser as the floor, a review-only
 * model on the support sentences, and cross-domain transfer between the UCI domains.
 */
export function sentimentCommand(print: Print, dataDir?: string): void {
  const model = shippedSentimentModel();
  const { split, supportSplit: recordedSupportSplit } = model.training;
  if (!sameSplit(split, sentimentSplit) || !sameSplit(recordedSupportSplit, supportSplit)) {
    throw new NlpError(
      'MODEL_INVALID',
      `shipped sentiment model was not trained on the fixed splits (UCI seed ${sentimentSplit.seed}/test share ` +
        `${sentimentSplit.testShare}, support seed ${supportSplit.seed}/test share ${supportSplit.testShare}): ` +
        'run "npm run eval -- train-sentiment"',
    );
  }
  const { test } = uciTestSplit(dataDir);
  const support = supportTestSplit();
  const score = sentimentScorer(model);
  print(
    `shipped model ${model.modelVersion}: ${model.vocabularySize} terms, l2 ${model.training.l2}, ` +
      `lexicon weight ${model.lexiconWeight} (chosen by ${model.training.folds}-fold CV on the UCI and support ` +
      `training portions, mean per-source accuracy ${fixed(model.training.crossValidationAccuracy)})`,
  );
  printEvaluation(
    print,
    `fixed test split: UCI Amazon + Yelp, seed ${sentimentSplit.seed}, ${sentimentSplit.testShare * 100}% held out`,
    evaluateSentiment(score, test),
  );
  printComponents(print, model, test);

  printEvaluation(
    print,
    `held-out support sentences (hand-written for userops, ${relative(process.cwd(), supportSentimentPath)}), ` +
      `seed ${supportSplit.seed}, ${supportSplit.testShare * 100}% held out`,
    evaluateSentiment(score, support.test),
  );
  printComponents(print, model, support.test);
  const reviewsOnly = evaluateReviewsOnSupport(dataDir);
  print(
    `  model trained on the UCI training portion alone (same procedure) on these sentences: accuracy ${fixed(reviewsOnly.accuracy)}   macro-F1 ${fixed(reviewsOnly.macroF1)}`,
  );
  const neutral = evaluateNeutral(score, supportNeutralSplit().test);
  print(
    `held-out neutral support sentences (${relative(process.cwd(), supportNeutralPath)}, same seed and share): ` +
      `mean score ${fixed(neutral.meanScore)}   mean |score| ${fixed(neutral.meanAbsoluteScore)}   ` +
      `share <= -${neutral.strongScore} ${fixed(neutral.strongNegativeShare)}   share >= ${neutral.strongScore} ${fixed(neutral.strongPositiveShare)}   (${neutral.examples} sentences)`,
  );

  print(
    'cross-domain (trained on all of one UCI domain with the same CV procedure, tested on all of the other):',
  );
  const crossDomain = evaluateCrossDomain(dataDir);
  for (const [name, evaluation] of [
    ['amazon -> yelp', crossDomain.amazonToYelp],
    ['yelp -> amazon', crossDomain.yelpToAmazon],
  ] as const) {
    print(
      `  ${name.padEnd(16)} accuracy ${fixed(evaluation.accuracy)}   macro-F1 ${fixed(evaluation.macroF1)}   (${evaluation.examples} sentences)`,
    );
  }
}
