import { createHash } from 'node:crypto';
import { NlpError } from '../errors/nlp.error';
import { TfidfVectoriser } from '../features/tfidf.vectoriser';
import type { LogisticRegressionModel } from '../learning/logistic-regression.trainer';
import { logit } from '../learning/logistic-regression.trainer';
import { ModelJsonReader, roundSignificant } from '../learning/model-json.reader';
import { scoreLexiconSentiment } from './lexicon-sentiment.scorer';
import { sentimentTerms } from './sentiment.features';

export const sentimentModelFormat = 'userops.nlp.sentiment';
export const sentimentModelFormatVersion = 1;

/** How the shipped model was made; kept in the file so any figure can be traced to its inputs. */
export interface SentimentTrainingRecord {
  data: string;
  /** The fixed UCI split; trainSize counts the UCI sentences trained on. */
  split: { seed: number; testShare: number; trainSize: number };
  /**
   * The fixed split of the hand-written support sets (libs/nlp/data), when their training parts
   * were used: trainSize labelled sentences and neutralTrainSize neutral ones.
   */
  supportSplit?: { seed: number; testShare: number; trainSize: number; neutralTrainSize: number };
  l2: number;
  minDocumentFrequency: number;
  folds: number;
  /** Out-of-fold accuracy of the chosen l2 and lexicon weight on the training portion. */
  crossValidationAccuracy: number;
}

export interface SentimentModelJson {
  format: typeof sentimentModelFormat;
  formatVersion: typeof sentimentModelFormatVersion;
  /** Content hash: two files with the same version hold the same model. */
  modelVersion: string;
  /** Weight of the lexicon score in the blend; the classifier gets 1 − lexiconWeight. */
  lexiconWeight: number;
  bias: number;
  terms: string[];
  idf: number[];
  weights: number[];
  training: SentimentTrainingRecord;
}

export interface SentimentScore {
  /** Blended polarity in [−1, 1]; negative below 0. */
  score: number;
  /** 2·P(positive) − 1 from the classifier; null when it knew none of the text's terms. */
  classifier: number | null;
  /** Lexicon polarity in (−1, 1). */
  lexicon: number;
}

export interface SentimentInput {
  clauses: readonly (readonly string[])[];
  exclamations: number;
  /** Chinese text is scored by the lexicon alone: the classifier was trained on English. */
  language?: string;
}

/**
 * Linear blend of classifier and lexicon. 2σ(z) − 1 = tanh(z/2) puts the classifier on the
 * lexicon's [−1, 1] scale; a text with no known term falls back to the lexicon alone.
 */
export function blendSentiment(
  classifierLogit: number | null,
  lexicon: number,
  lexiconWeight: number,
): SentimentScore {
  if (classifierLogit === null) return { score: lexicon, classifier: null, lexicon };
  const classifier = Math.tanh(classifierLogit / 2);
  const score = Math.max(-1, Math.min(1, (1 - lexiconWeight) * classifier + lexiconWeight * lexicon));
  return { score, classifier, lexicon };
}

function contentVersion(body: Omit<SentimentModelJson, 'modelVersion'>): string {
  return `sentiment-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12)}`;
}

export class SentimentModel {
  private constructor(
    private readonly vectoriser: TfidfVectoriser,
    private readonly regression: LogisticRegressionModel,
    readonly lexiconWeight: number,
    readonly training: SentimentTrainingRecord,
    readonly modelVersion: string,
  ) {}

  /**
   * Builds a model from trained parts by way of its JSON form, so a freshly trained model scores
   * exactly as its rounded file will, and its version is the hash of that file's content.
   */
  static create(
    vectoriser: TfidfVectoriser,
    regression: LogisticRegressionModel,
    lexiconWeight: number,
    training: SentimentTrainingRecord,
  ): SentimentModel {
    const body: Omit<SentimentModelJson, 'modelVersion'> = {
      format: sentimentModelFormat,
      formatVersion: sentimentModelFormatVersion,
      lexiconWeight: roundSignificant(lexiconWeight),
      bias: roundSignificant(regression.bias),
      terms: [...vectoriser.terms],
      idf: Array.from(vectoriser.idf, (value) => roundSignificant(value)),
      weights: Array.from(regression.weights, (value) => roundSignificant(value)),
      training,
    };
    const { format, formatVersion, ...rest } = body;
    return SentimentModel.fromJson({ format, formatVersion, modelVersion: contentVersion(body), ...rest });
  }

  static fromJson(json: unknown): SentimentModel {
    const reader = ModelJsonReader.of('sentiment model', json);
    reader.literal('format', sentimentModelFormat);
    reader.literal('formatVersion', sentimentModelFormatVersion);
    const terms = reader.strings('terms');
    const idf = reader.numbers('idf', terms.length);
    const weights = reader.numbers('weights', terms.length);
    const lexiconWeight = reader.number('lexiconWeight');
    if (lexiconWeight < 0 || lexiconWeight > 1) {
      throw new NlpError(
        'MODEL_INVALID',
        `sentiment model: lexiconWeight must be within [0, 1], got ${lexiconWeight}`,
      );
    }
    const training = reader.object('training');
    const readSplit = (field: string) => {
      const split = training.object(field);
      return {
        seed: split.number('seed'),
        testShare: split.number('testShare'),
        trainSize: split.number('trainSize'),
      };
    };
    return new SentimentModel(
      TfidfVectoriser.fromState({ terms, idf }),
      { weights: Float64Array.from(weights), bias: reader.number('bias') },
      lexiconWeight,
      {
        data: training.string('data'),
        split: readSplit('split'),
        ...(training.raw('supportSplit') === undefined
          ? {}
          : {
              supportSplit: {
                ...readSplit('supportSplit'),
                neutralTrainSize: training.object('supportSplit').number('neutralTrainSize'),
              },
            }),
        l2: training.number('l2'),
        minDocumentFrequency: training.number('minDocumentFrequency'),
        folds: training.number('folds'),
        crossValidationAccuracy: training.number('crossValidationAccuracy'),
      },
      reader.string('modelVersion'),
    );
  }

  get vocabularySize(): number {
    return this.vectoriser.size;
  }

  /** Classifier decision value w·x + b, or null when the text shares no term with the model. */
  classifierLogit(clauses: readonly (readonly string[])[]): number | null {
    const vector = this.vectoriser.transform(sentimentTerms(clauses));
    return vector.indices.length === 0 ? null : logit(this.regression, vector);
  }

  score(input: SentimentInput): SentimentScore {
    const lexicon = scoreLexiconSentiment(input.clauses, input.exclamations).score;
    const classifierLogit = input.language === 'zh' ? null : this.classifierLogit(input.clauses);
    return blendSentiment(classifierLogit, lexicon, this.lexiconWeight);
  }

  toJson(): SentimentModelJson {
    return {
      format: sentimentModelFormat,
      formatVersion: sentimentModelFormatVersion,
      modelVersion: this.modelVersion,
      lexiconWeight: this.lexiconWeight,
      bias: this.regression.bias,
      terms: [...this.vectoriser.terms],
      idf: Array.from(this.vectoriser.idf),
      weights: Array.from(this.regression.weights),
      training: this.training,
    };
  }
}
