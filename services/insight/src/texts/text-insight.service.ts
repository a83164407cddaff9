import { Inject, Injectable } from '@nestjs/common';
import { type EventEnvelope, insightEvent, type InsightEvent, type TopicMap } from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { EVENT_PRODUCER, PG_POOL } from '@userops/service-host';
import { claimOnce, forgottenUser, inUserTransaction } from '@userops/storage';
import type { Pool } from 'pg';
import {
  defaultKeywordCapacity,
  foldText,
  type FoldOptions,
  sentimentSummaryOf,
  type TextObservation,
} from '../aggregation/insight.aggregate';
import { type AlertThresholds, evaluateAlertRules, type FiredAlert } from '../alerts/alert.rules';
import { TextAnalysisService } from '../analysis/text-analysis.service';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from '../insight.tokens';
import { InsightRepository } from '../persistence/insight.repository';
import { carriedText } from './text-event.reader';
import { buildInsightEvents } from './insight-event.builder';

/** Segment of texts whose author has no known segment under the configured model. */
export const unassignedSegment = 'unassigned';
const claimScope = 'insight.texts';

/** What the transaction settled: the outcome, the events to send and the keyword keys to learn. */
interface StoredText {
  outcome: TextOutcome;
  events: InsightEvent[];
  corpusKeys?: string[];
}

export type TextOutcome =
  | { kind: 'no-text' }
  /** The author was erased before this (older) event was consumed: nothing stored or sent. */
  | { kind: 'forgotten-user' }
  | { kind: 'duplicate'; resent: number }
  | { kind: 'rejected'; code: string }
  | { kind: 'analysed'; alerts: FiredAlert[]; emitted: number };

/**
 * Turns one event into a stored per-text result, updated user and segment aggregates and the
 * insight events, exactly once per eventId: the claim, the row and both aggregates commit in one
 * transaction. Events are sent after the commit and kept on the row, so a redelivery (the send
 * failed, or the replica died before the offset commit) re-sends the same events (same eventIds,
 * downstream can dedupe) without counting the text again.
 */
@Injectable()
export class TextInsightService {
  private readonly fold: FoldOptions;
  private readonly thresholds: AlertThresholds;

  constructor(
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(INSIGHT_TOPICS) private readonly topics: TopicMap,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    private readonly analysis: TextAnalysisService,
    private readonly repository: InsightRepository,
  ) {
    this.fold = { alpha: config.INSIGHT_EWMA_ALPHA, keywordCapacity: defaultKeywordCapacity };
    this.thresholds = {
      negativeSentiment: config.INSIGHT_NEGATIVE_SENTIMENT_THRESHOLD,
      churnSentiment: config.INSIGHT_CHURN_SENTIMENT_THRESHOLD,
      churnTrend: config.INSIGHT_CHURN_TREND_THRESHOLD,
      churnTrendMinTexts: config.INSIGHT_CHURN_TREND_MIN_TEXTS,
      featureRequestMinScore: config.INSIGHT_FEATURE_REQUEST_MIN_SCORE,
    };
  }

  async handle(envelope: EventEnvelope): Promise<TextOutcome> {
    const carried = carriedText(envelope);
    if (!carried) return { kind: 'no-text' };
    const { userId } = carried;

    const stored = await inUserTransaction<StoredText>(this.pool, userId, async (client) => {
      if (!(await claimOnce(client, claimScope, envelope.eventId))) {
        const stored = await this.repository.emittedFor(client, envelope.eventId);
        return { outcome: { kind: 'duplicate', resent: stored.length }, events: stored };
      }
      const { analysis: result, corpusKeys } = await this.analysis.analyseFromStream(carried.text);
      const segmentId =
        (await this.repository.currentSegment(client, userId, this.config.INSIGHT_SEGMENT_MODEL)) ??
        unassignedSegment;
      const observation: TextObservation =
        result.status === 'analysed'
          ? {
              status: 'analysed',
              sentiment: result.sentiment,
              topics: result.topics.map((topic) => topic.label),
              keywords: result.keywords.map((keyword) => keyword.term),
            }
          : { status: 'rejected' };
      // Always erasure lock, user, segment: the order the deletion path locks in too, no deadlocks.
      const user = foldText(
        await this.repository.lockAggregate(client, 'user', userId),
        observation,
        this.fold,
      );
      const segment = foldText(
        await this.repository.lockAggregate(client, 'segment', segmentId),
        observation,
        this.fold,
      );
      await this.repository.saveAggregate(client, 'user', userId, user);
      await this.repository.saveAggregate(client, 'segment', segmentId, segment);

      const row = {
        eventId: envelope.eventId,
        userId,
        segmentId,
        eventName: carried.eventName,
        occurredAt: envelope.timestamp,
      };
      if (result.status === 'rejected') {
        await this.repository.insertTextAnalysis(client, {
          ...row,
          outcome: { status: 'rejected', code: result.code, message: result.message },
        });
        return { outcome: { kind: 'rejected', code: result.code }, events: [] };
      }
      const text = carried.text as string; // the guard accepted it, so it is a string
      const alerts = evaluateAlertRules(
        {
          text,
          sentiment: result.sentiment,
          topics: result.topics,
          author: { trend: sentimentSummaryOf(user).trend, analysedTexts: user.analysedTexts },
        },
        this.thresholds,
      );
      const keywords = result.keywords.map((keyword) => keyword.term);
      const emitted = buildInsightEvents(
        envelope,
        {
          userId,
          sentiment: result.sentiment,
          topics: result.topics,
          keywords,
          segmentId,
          topicModelVersion: result.topicModelVersion,
        },
        alerts,
      );
      await this.repository.insertTextAnalysis(client, {
        ...row,
        outcome: {
          status: 'analysed',
          text,
          language: result.language,
          sentiment: result.sentiment,
          topics: result.topics,
          keywords,
          warnings: result.warnings,
          alerts,
          // The topic version beside the model hash: history and rollbacks speak in versions.
          models: { ...result.models, topicVersion: String(result.topicModelVersion) },
          emitted,
        },
      });
      return {
        outcome: { kind: 'analysed', alerts, emitted: emitted.length },
        events: emitted,
        corpusKeys,
      };
    });
    if (stored === forgottenUser) return { kind: 'forgotten-user' };
    const { outcome, events, corpusKeys } = stored;

    // After the commit, so a rolled-back attempt that is retried is not counted twice; a crash
    // right here leaves one text out of the corpus, which only nudges its frequencies.
    if (corpusKeys) await this.analysis.learnKeywords(corpusKeys);

    if (events.length > 0) {
      await this.producer.send(
        this.topics.insight,
        events.map((event) => ({ key: event.userId, value: event })),
        insightEvent,
      );
    }
    return outcome;
  }
}
