import { Inject, Injectable } from '@nestjs/common';
import {
  createTextAnalyser,
  KeywordIndex,
  type PreparedText,
  type RejectedText,
  shippedTopicClassifier,
  type TextAnalyser,
  type TextAnalysis,
  type TopicClassifier,
} from '@userops/nlp';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';
import { KeywordCorpusStore } from '../keywords/keyword-corpus.store';

/** The topic model this replica assigns topics with; version 0 is the shipped model. */
export interface ServedTopicModel {
  version: number;
  classifier: TopicClassifier;
}

/** An analysis, saying which topic model version produced its topics. */
export type VersionedAnalysis = (TextAnalysis & { topicModelVersion: number }) | RejectedText;

/** A stream text's analysis and the keyword keys to count into the corpus once it is stored. */
export interface StreamAnalysis {
  analysis: VersionedAnalysis;
  corpusKeys: string[];
}

/**
 * The analyser of this replica. Keywords are ranked against the corpus shared in Redis
 * (KeywordCorpusStore), but only texts from the event stream teach it, and only once stored:
 * on-demand calls (tools, tests) must not skew what counts as a rare, telling word in users'
 * feedback. The topic model is swapped in place (see TopicModelService); a text's models are
 * applied synchronously in `complete`, so it is analysed wholly by one version.
 */
@Injectable()
export class TextAnalysisService {
  private readonly limits: { maxBytes: number };
  private served: ServedTopicModel = { version: 0, classifier: shippedTopicClassifier() };
  private analyser!: TextAnalyser;

  constructor(
    @Inject(INSIGHT_CONFIG) config: InsightConfig,
    private readonly corpus: KeywordCorpusStore,
  ) {
    this.limits = { maxBytes: config.INSIGHT_MAX_TEXT_BYTES };
    this.buildAnalyser();
  }

  get topicModel(): ServedTopicModel {
    return this.served;
  }

  /** Serves another topic model from the next text on. */
  useTopicModel(model: ServedTopicModel): void {
    this.served = model;
    this.buildAnalyser();
  }

  /** A text users wrote in an event. Rejections are results, not errors (see TextAnalyser). */
  async analyseFromStream(text: unknown): Promise<StreamAnalysis> {
    const prepared = this.analyser.prepare(text);
    if (prepared.status === 'rejected') return { analysis: prepared, corpusKeys: [] };
    return { analysis: await this.complete(prepared), corpusKeys: keysOf(prepared) };
  }

  async analyseOnDemand(text: unknown): Promise<VersionedAnalysis> {
    const prepared = this.analyser.prepare(text);
    return prepared.status === 'rejected' ? prepared : this.complete(prepared);
  }

  /** Counts a stored stream text into the shared keyword corpus. */
  learnKeywords(corpusKeys: readonly string[]): Promise<void> {
    return this.corpus.observe(corpusKeys);
  }

  private async complete(prepared: PreparedText): Promise<VersionedAnalysis> {
    const counts = await this.corpus.counts(keysOf(prepared));
    // Read after the await: the version and the model that `complete` applies are the same swap's.
    const { analyser, served } = this;
    return { ...analyser.complete(prepared, counts), topicModelVersion: served.version };
  }

  private buildAnalyser(): void {
    this.analyser = createTextAnalyser({
      limits: this.limits,
      topicClassifier: this.served.classifier,
      // Unused: keywords are ranked against the shared corpus's counts, never this index.
      keywordIndex: new KeywordIndex(),
      learnKeywords: false,
    });
  }
}

const keysOf = (prepared: PreparedText) => prepared.keywordCandidates.map((candidate) => candidate.key);
