import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import {
  emptyAggregate,
  type InsightAggregate,
  type RankedCount,
  type SentimentSummary,
  sentimentSummaryOf,
  topCounts,
} from '../aggregation/insight.aggregate';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';

export interface TextSample {
  eventId: string;
  userId: string;
  eventName: string | null;
  status: 'analysed' | 'rejected';
  text: string | null;
  rejectionCode: string | null;
  sentiment: number | null;
  topics: Array<{ label: string; score: number }>;
  keywords: string[];
  alerts: Array<{ rule: string; severity: string; reason: string }>;
  segmentId: string;
  occurredAt: string;
}

export interface InsightSummary {
  analysedTexts: number;
  rejectedTexts: number;
  sentiment: SentimentSummary;
  topics: RankedCount[];
  keywords: RankedCount[];
}

export interface UserInsights extends InsightSummary {
  userId: string;
  /** Current segment under the configured model; null when segmentation has not placed the user. */
  segmentId: string | null;
  segmentModel: string;
  recentTexts: TextSample[];
}

export interface SegmentInsights extends InsightSummary {
  segmentId: string;
  authors: number;
  examples: { mostNegative: TextSample[]; mostPositive: TextSample[]; recent: TextSample[] };
}

export interface SegmentListing {
  segmentId: string;
  analysedTexts: number;
  rejectedTexts: number;
  authors: number;
  sentimentMean: number | null;
}

const sampleColumns = `event_id as "eventId", user_id as "userId", event_name as "eventName", status, text,
  rejection_code as "rejectionCode", sentiment, topics, keywords, alerts, segment_id as "segmentId",
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt"`;

const topicLimit = 8;
const keywordLimit = 15;
const exampleLimit = 3;

function summaryOf(aggregate: InsightAggregate): InsightSummary {
  return {
    analysedTexts: aggregate.analysedTexts,
    rejectedTexts: aggregate.rejectedTexts,
    sentiment: sentimentSummaryOf(aggregate),
    topics: topCounts(aggregate.topicCounts, aggregate.analysedTexts, topicLimit),
    keywords: topCounts(aggregate.keywordCounts, aggregate.analysedTexts, keywordLimit),
  };
}

/** Read side of the HTTP API: summaries from the aggregates, examples from the per-text rows. */
@Injectable()
export class InsightReportService {
  constructor(
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  private async aggregate(
    scope: 'user' | 'segment',
    subjectId: string,
  ): Promise<InsightAggregate | undefined> {
    const { rows } = await this.pool.query<{ state: InsightAggregate }>(
      'select state from insight_aggregates where scope = $1 and subject_id = $2',
      [scope, subjectId],
    );
    return rows[0]?.state;
  }

  /** undefined when insight knows nothing of the user (no text, no segment). */
  async userInsights(userId: string, recentLimit = 20): Promise<UserInsights | undefined> {
    const model = this.config.INSIGHT_SEGMENT_MODEL;
    const [aggregate, segment, recent] = await Promise.all([
      this.aggregate('user', userId),
      this.pool.query<{ segment_id: string | null }>(
        'select segment_id from user_segments where user_id = $1 and model = $2',
        [userId, model],
      ),
      this.pool.query<TextSample>(
        `select ${sampleColumns} from text_analyses where user_id = $1 order by seq desc limit $2`,
        [userId, recentLimit],
      ),
    ]);
    if (!aggregate && segment.rows.length === 0) return undefined;
    return {
      userId,
      segmentId: segment.rows[0]?.segment_id ?? null,
      segmentModel: model,
      ...summaryOf(aggregate ?? emptyAggregate()),
      recentTexts: recent.rows,
    };
  }

  async segmentInsights(segmentId: string): Promise<SegmentInsights | undefined> {
    const aggregate = await this.aggregate('segment', segmentId);
    if (!aggregate) return undefined;
    const samples = (order: string) =>
      this.pool
        .query<TextSample>(
          `select ${sampleColumns} from text_analyses
            where segment_id = $1 and status = 'analysed' order by ${order} limit $2`,
          [segmentId, exampleLimit],
        )
        .then((result) => result.rows);
    const [mostNegative, mostPositive, recent, authors] = await Promise.all([
      samples('sentiment asc, seq desc'),
      samples('sentiment desc, seq desc'),
      samples('seq desc'),
      this.pool.query<{ authors: number }>(
        'select count(distinct user_id)::int as authors from text_analyses where segment_id = $1',
        [segmentId],
      ),
    ]);
    return {
      segmentId,
      authors: authors.rows[0]?.authors ?? 0,
      ...summaryOf(aggregate),
      examples: { mostNegative, mostPositive, recent },
    };
  }

  async segments(): Promise<SegmentListing[]> {
    const { rows } = await this.pool.query<SegmentListing>(
      `select a.subject_id as "segmentId", a.analysed_texts as "analysedTexts", a.rejected_texts as "rejectedTexts",
              a.sentiment_mean as "sentimentMean", coalesce(t.authors, 0)::int as authors
         from insight_aggregates a
         left join (select segment_id, count(distinct user_id) as authors from text_analyses group by segment_id) t
           on t.segment_id = a.subject_id
        where a.scope = 'segment'
        order by a.analysed_texts + a.rejected_texts desc, a.subject_id`,
    );
    return rows;
  }
}
