import { Inject, Injectable } from '@nestjs/common';
import {
  createTextAnalyser,
  seededKeywordIndex,
  type TextAnalyser,
  type TextAnalysisResult,
} from '@userops/nlp';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';

/**
 * The analysers of this replica. Both rank keywords against one running corpus, but only texts
 * from the event stream teach it: on-demand calls (tools, tests) must not skew what counts as a
 * rare, telling word in users' feedback.
 */
@Injectable()
export class TextAnalysisService {
  private readonly streamAnalyser: TextAnalyser;
  private readonly onDemandAnalyser: TextAnalyser;

  constructor(@Inject(INSIGHT_CONFIG) config: InsightConfig) {
    const keywordIndex = seededKeywordIndex();
    const limits = { maxBytes: config.INSIGHT_MAX_TEXT_BYTES };
    this.streamAnalyser = createTextAnalyser({ keywordIndex, limits, learnKeywords: true });
    this.onDemandAnalyser = createTextAnalyser({ keywordIndex, limits, learnKeywords: false });
  }

  /** A text users wrote in an event; it joins the keyword corpus. Never throws (see TextAnalyser). */
  analyseFromStream(text: unknown): TextAnalysisResult {
    return this.streamAnalyser.analyse(text);
  }

  analyseOnDemand(text: unknown): TextAnalysisResult {
    return this.onDemandAnalyser.analyse(text);
  }
}
