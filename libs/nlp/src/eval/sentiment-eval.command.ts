import { natural } from '../text/natural.loader';
import { shippedSentimentModel } from '../analysis/shipped.models';
import { NlpError } from '../errors/nlp.error';
import { scoreLexiconSentiment } from '../sentiment/lexicon-sentiment.scorer';
import type { SentimentEvaluation } from '../sentiment/sentiment.evaluation';
import {
  evaluateCrossDomain,
  evaluateSentiment,
  sentimentScorer,
  uciTestSplit,
} from '../sentiment/sentiment.evaluation';
import { sentimentInputOf } from '../sentiment/sentiment.input';
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

/**
 * `eval sentiment`: the shipped model on the fixed UCI test split, its two components alone for
 * context, natural's analyser as the floor, and cross-domain transfer (trained here, both ways).
 */
export function sentimentCommand(print: Print, dataDir?: string): void {
  const model = shippedSentimentModel();
  const { split } = model.training;
  if (split.seed !== sentimentSplit.seed || split.testShare !== sentimentSplit.testShare) {
    throw new NlpError(
      'MODEL_INVALID',
      `shipped sentiment model was trained on split seed ${split.seed}/test share ${split.testShare}, ` +
        `but the fixed split is ${sentimentSplit.seed}/${sentimentSplit.testShare}: run "npm run eval -- train-sentiment"`,
    );
  }
  const { test } = uciTestSplit(dataDir);
  print(
    `shipped model ${model.modelVersion}: ${model.vocabularySize} terms, l2 ${model.training.l2}, ` +
      `lexicon weight ${model.lexiconWeight} (chosen by ${model.training.folds}-fold CV, accuracy ${fixed(model.training.crossValidationAccuracy)})`,
  );
  printEvaluation(
    print,
    `fixed test split: UCI Amazon + Yelp, seed ${sentimentSplit.seed}, ${sentimentSplit.testShare * 100}% held out`,
    evaluateSentiment(sentimentScorer(model), test),
  );

  const classifierOnly = evaluateSentiment(
    (text) => model.classifierLogit(sentimentInputOf(normaliseText(text)).clauses) ?? 0,
    test,
  );
  const lexiconOnly = evaluateSentiment((text) => {
    const input = sentimentInputOf(normaliseText(text));
    return scoreLexiconSentiment(input.clauses, input.exclamations).score;
  }, test);
  const tokenizer = new natural.WordTokenizer();
  const naturalAfinn = new natural.SentimentAnalyzer('English', natural.PorterStemmer, 'afinn');
  const naturalOnly = evaluateSentiment((text) => naturalAfinn.getSentiment(tokenizer.tokenize(text)), test);
  print('components on the same split (accuracy):');
  print(
    `  classifier alone ${fixed(classifierOnly.accuracy)}   lexicon alone ${fixed(lexiconOnly.accuracy)}   natural SentimentAnalyzer (AFINN) ${fixed(naturalOnly.accuracy)}`,
  );

  print(
    'cross-domain (trained on all of one domain with the same CV procedure, tested on all of the other):',
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
