// The only door into libs/nlp: pure text analysis (no I/O beyond reading training data files).

export type { NlpErrorCode } from './errors/nlp.error';
export { NlpError, isNlpError, nlpErrorCodes } from './errors/nlp.error';

export { normaliseText } from './text/text.normaliser';
export { tokenise, tokeniseClauses, hasUnspacedScript } from './text/text.tokeniser';
export { englishStopWords, chineseStopWords, isStopWord, withoutStopWords } from './text/stop-words.lexicon';
export { stemToken, stemTokens } from './text/token.stemmer';
export { nGrams } from './text/n-gram.builder';

export type { LanguageCode, LanguageGuess } from './language/language.detector';
export { detectLanguage } from './language/language.detector';

export type { GuardedText, TextLimits, TextRejection, TextRejectionCode } from './guards/text.guard';
export { defaultTextLimits, guardText, resolveTextLimits } from './guards/text.guard';

export type { LexiconSentiment } from './sentiment/lexicon-sentiment.scorer';
export { scoreLexiconSentiment } from './sentiment/lexicon-sentiment.scorer';
export type {
  SentimentInput,
  SentimentModelJson,
  SentimentScore,
  SentimentTrainingRecord,
} from './sentiment/sentiment.model';
export { sentimentInputOf } from './sentiment/sentiment.input';
export { SentimentModel } from './sentiment/sentiment.model';
export type {
  SentimentCandidate,
  SentimentTrainingOptions,
  SentimentTrainingResult,
} from './sentiment/sentiment.trainer';
export { trainSentimentModel } from './sentiment/sentiment.trainer';
export type {
  CrossDomainEvaluation,
  NeutralEvaluation,
  SentimentEvaluation,
} from './sentiment/sentiment.evaluation';
export {
  evaluateCrossDomain,
  evaluateNeutral,
  evaluateReviewsOnSupport,
  evaluateSentiment,
  sentimentScorer,
  uciTestSplit,
} from './sentiment/sentiment.evaluation';
export type { LabelledSentence, SentimentSplit, UciDomain } from './sentiment/uci-dataset.loader';
export type { NeutralSentence } from './sentiment/support-dataset.loader';
export {
  loadSupportNeutral,
  loadSupportSentiment,
  supportNeutralPath,
  supportNeutralSplit,
  supportSentimentPath,
  supportSplit,
  supportTestSplit,
} from './sentiment/support-dataset.loader';
export {
  loadUciSentiment,
  locateSentimentData,
  parseUciSentiment,
  readUciSentimentFile,
  sentimentDataEnvVariable,
  sentimentSplit,
  splitSentences,
} from './sentiment/uci-dataset.loader';

export type {
  Keyword,
  KeywordCandidate,
  KeywordCorpusCounts,
  KeywordIndexOptions,
  KeywordIndexState,
} from './keywords/keyword.index';
export {
  KeywordIndex,
  keywordCandidates,
  rankKeywordCandidates,
  rarestKeysBeyond,
} from './keywords/keyword.index';

export type { TopicModelJson, TopicScore, TopicTrainingRecord } from './topics/topic.classifier';
export { TopicClassifier } from './topics/topic.classifier';
export type { TopicInput } from './topics/topic.features';
export { topicInputOf } from './topics/topic.features';
export type { TopicExample, TopicExampleSet, TopicSplit } from './topics/topic.examples';
export {
  defaultTopicLabels,
  parseTopicExamples,
  splitTopicExamples,
  topicSplit,
} from './topics/topic.examples';
export type { TopicTrainingOptions, TopicTrainingResult } from './topics/topic.trainer';
export { trainTopicClassifier, trainTopicClassifierInSlices } from './topics/topic.trainer';
export type {
  PreparedTopicRetraining,
  ThinLabel,
  TopicRetrainingInput,
  TopicRetrainingResult,
} from './topics/topic.retraining';
export {
  mergeTopicExamples,
  minimumExamplesPerLabel,
  prepareTopicRetraining,
  retrainTopicModel,
} from './topics/topic.retraining';
export { evaluateTopics } from './topics/topic.evaluation';
export type { ClassificationReport, LabelMetrics } from './learning/classification.metrics';

export type {
  AnalysisWarning,
  PreparedText,
  RejectedText,
  TextAnalysis,
  TextAnalysisResult,
  TextAnalyserOptions,
} from './analysis/text.analyser';
export { analyseText, createTextAnalyser, TextAnalyser } from './analysis/text.analyser';
export {
  seededKeywordIndex,
  shippedSentimentModel,
  shippedTopicClassifier,
  shippedTopicExamples,
} from './analysis/shipped.models';
