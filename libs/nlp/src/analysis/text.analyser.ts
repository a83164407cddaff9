import { NlpError } from '../errors/nlp.error';
import type { TextLimits, TextRejectionCode } from '../guards/text.guard';
import { guardText, resolveTextLimits } from '../guards/text.guard';
import type { Keyword, KeywordCandidate, KeywordCorpusCounts } from '../keywords/keyword.index';
import { KeywordIndex, keywordCandidates, rankKeywordCandidates } from '../keywords/keyword.index';
import type { LanguageCode } from '../language/language.detector';
import { detectLanguageOfNormalised } from '../language/language.detector';
import { sentimentInputOf } from '../sentiment/sentiment.input';
import type { SentimentInput, SentimentModel, SentimentScore } from '../sentiment/sentiment.model';
import type { TopicClassifier, TopicScore } from '../topics/topic.classifier';
import { seededKeywordIndex, shippedSentimentModel, shippedTopicClassifier } from './shipped.models';

/** Why an analysed text deserves a second look; the analysis is still complete. */
export type AnalysisWarning = 'MIXED_SCRIPT' | 'UNSUPPORTED_LANGUAGE';

export interface TextAnalysis {
  status: 'analysed';
  language: LanguageCode;
  languageConfidence: number;
  /** Polarity in [−1, 1]. */
  sentiment: number;
  sentimentParts: SentimentScore;
  keywords: Keyword[];
  /** Assigned topics, best first, each with its probability in [0, 1]. */
  topics: TopicScore[];
  /** Word tokens in the text. */
  tokens: number;
  warnings: AnalysisWarning[];
  models: { sentiment: string; topics: string };
}

export interface RejectedText {
  status: 'rejected';
  code: TextRejectionCode;
  message: string;
  details: Record<string, number | string>;
}

export type TextAnalysisResult = TextAnalysis | RejectedText;

/**
 * A text guarded, language-detected and tokenised, waiting for keyword counts: the first half of
 * an analysis whose keyword corpus lives outside the analyser (see TextAnalyser.prepare).
 */
export interface PreparedText {
  status: 'prepared';
  language: LanguageCode;
  languageConfidence: number;
  warnings: AnalysisWarning[];
  sentimentInput: SentimentInput;
  /** The text's keyword candidates; `key` is what corpus document frequencies are counted by. */
  keywordCandidates: KeywordCandidate[];
}

export interface TextAnalyserOptions {
  sentimentModel?: SentimentModel;
  topicClassifier?: TopicClassifier;
  /** Running corpus for keyword IDF; defaults to one seeded with the starter topic examples. */
  keywordIndex?: KeywordIndex;
  limits?: Partial<TextLimits>;
  /** Keywords returned per text (default 5). */
  keywordLimit?: number;
  /** Whether each analysed text is added to the keyword corpus (default true). */
  learnKeywords?: boolean;
}

/**
 * The whole pipeline for one text: guard, normalise, detect language, tokenise (ICU word
 * segmentation for Chinese), then sentiment, topics and keywords from the same tokens.
 * `analyse` never throws on any input value: a text it cannot analyse comes back as a
 * `rejected` result with a stable code.
 */
export class TextAnalyser {
  private readonly limits: TextLimits;
  private readonly keywordLimit: number;
  private readonly learnKeywords: boolean;

  constructor(
    private readonly sentimentModel: SentimentModel,
    private readonly topicClassifier: TopicClassifier,
    readonly keywordIndex: KeywordIndex,
    options: Pick<TextAnalyserOptions, 'limits' | 'keywordLimit' | 'learnKeywords'> = {},
  ) {
    this.limits = resolveTextLimits(options.limits);
    this.keywordLimit = options.keywordLimit ?? 5;
    if (!Number.isInteger(this.keywordLimit) || this.keywordLimit < 0) {
      throw new NlpError(
        'CONFIG_INVALID',
        `keywordLimit must be a non-negative integer, got ${this.keywordLimit}`,
      );
    }
    this.learnKeywords = options.learnKeywords ?? true;
  }

  analyse(input: unknown): TextAnalysisResult {
    const prepared = this.prepare(input);
    if (prepared.status === 'rejected') return prepared;
    const analysis = this.complete(prepared, this.keywordIndex);
    if (this.learnKeywords) this.keywordIndex.observe(prepared.keywordCandidates);
    return analysis;
  }

  /**
   * Guards, normalises, detects the language and tokenises: everything but the models and the
   * keyword ranking. Never throws, like `analyse`.
   */
  prepare(input: unknown): PreparedText | RejectedText {
    const guarded = guardText(input, this.limits);
    if (!guarded.ok) return { status: 'rejected', ...guarded.rejection };
    const { normalised } = guarded;

    const guess = detectLanguageOfNormalised(normalised);
    const warnings: AnalysisWarning[] = [];
    if (guess.mixedScript) warnings.push('MIXED_SCRIPT');
    else if (guess.language === 'und') warnings.push('UNSUPPORTED_LANGUAGE');

    const sentimentInput = sentimentInputOf(normalised, guess.language);
    return {
      status: 'prepared',
      language: guess.language,
      languageConfidence: guess.confidence,
      warnings,
      sentimentInput,
      keywordCandidates: keywordCandidates(sentimentInput.clauses),
    };
  }

  /**
   * Sentiment, topics and keywords of a prepared text, keywords ranked against `corpus` (this
   * analyser's own index, or counts fetched from a shared store). Nothing is learned here: the
   * caller adds the text to whichever corpus it keeps.
   */
  complete(prepared: PreparedText, corpus: KeywordCorpusCounts | KeywordIndex): TextAnalysis {
    const { sentimentInput } = prepared;
    const sentiment = this.sentimentModel.score(sentimentInput);
    const topics = this.topicClassifier.assign({
      clauses: sentimentInput.clauses,
      polarity: sentiment.lexicon,
    });
    const keywords =
      corpus instanceof KeywordIndex
        ? corpus.rank(prepared.keywordCandidates, this.keywordLimit)
        : rankKeywordCandidates(prepared.keywordCandidates, corpus, this.keywordLimit);

    return {
      status: 'analysed',
      language: prepared.language,
      languageConfidence: prepared.languageConfidence,
      sentiment: sentiment.score,
      sentimentParts: sentiment,
      keywords,
      topics,
      tokens: sentimentInput.clauses.reduce((sum, clause) => sum + clause.length, 0),
      warnings: prepared.warnings,
      models: { sentiment: this.sentimentModel.modelVersion, topics: this.topicClassifier.modelVersion },
    };
  }
}

/** An analyser over the shipped models unless others are given; it owns a running keyword corpus. */
export function createTextAnalyser(options: TextAnalyserOptions = {}): TextAnalyser {
  return new TextAnalyser(
    options.sentimentModel ?? shippedSentimentModel(),
    options.topicClassifier ?? shippedTopicClassifier(),
    options.keywordIndex ?? seededKeywordIndex(),
    options,
  );
}

let frozenAnalyser: TextAnalyser | undefined;

/**
 * Analyses one text with the shipped models and a fixed keyword corpus (the starter examples):
 * the same text always gives the same result. For a corpus that learns from traffic, use
 * `createTextAnalyser()`.
 */
export function analyseText(text: unknown): TextAnalysisResult {
  frozenAnalyser ??= createTextAnalyser({ learnKeywords: false });
  return frozenAnalyser.analyse(text);
}
