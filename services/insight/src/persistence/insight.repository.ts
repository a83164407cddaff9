import { Injectable } from '@nestjs/common';
import type { InsightEvent } from '@userops/contracts';
import type { PoolClient } from 'pg';
import {
  emptyAggregate,
  type InsightAggregate,
  type TextObservation,
} from '../aggregation/insight.aggregate';
import type { FiredAlert } from '../alerts/alert.rules';

export type AggregateScope = 'user' | 'segment';

export interface TextAnalysisRow {
  eventId: string;
  userId: string;
  segmentId: string;
  eventName: string | null;
  occurredAt: string;
  outcome:
    | { status: 'rejected'; code: string; message: string }
    | {
        status: 'analysed';
        text: string;
        language: string;
        sentiment: number;
        topics: ReadonlyArray<{ label: string; score: number }>;
        keywords: readonly string[];
        warnings: readonly string[];
        alerts: readonly FiredAlert[];
        models: Record<string, string>;
        emitted: readonly InsightEvent[];
      };
}

// Arrays must be serialised by hand: node-postgres would send a JS array as a Postgres array.
const json = (value: unknown) => JSON.stringify(value);

/** insight's tables (see migrations/). Every method runs on the caller's transaction. */
@Injectable()
export class InsightRepository {
  async currentSegment(client: PoolClient, userId: string, model: string): Promise<string | null> {
    const { rows } = await client.query<{ segment_id: string | null }>(
      'select segment_id from user_segments where user_id = $1 and model = $2',
      [userId, model],
    );
    return rows[0]?.segment_id ?? null;
  }

  async emittedFor(client: PoolClient, eventId: string): Promise<InsightEvent[]> {
    const { rows } = await client.query<{ emitted: InsightEvent[] }>(
      'select emitted from text_analyses where event_id = $1',
      [eventId],
    );
    return rows[0]?.emitted ?? [];
  }

  /** The aggregate, locked for this transaction (created empty first if missing). */
  async lockAggregate(
    client: PoolClient,
    scope: AggregateScope,
    subjectId: string,
  ): Promise<InsightAggregate> {
    await client.query(
      'insert into insight_aggregates (scope, subject_id, state) values ($1, $2, $3) on conflict do nothing',
      [scope, subjectId, json(emptyAggregate())],
    );
    const { rows } = await client.query<{ state: InsightAggregate }>(
      'select state from insight_aggregates where scope = $1 and subject_id = $2 for update',
      [scope, subjectId],
    );
    return rows[0]!.state;
  }

  async saveAggregate(
    client: PoolClient,
    scope: AggregateScope,
    subjectId: string,
    aggregate: InsightAggregate,
  ): Promise<void> {
    const mean = aggregate.analysedTexts > 0 ? aggregate.sentimentSum / aggregate.analysedTexts : null;
    await client.query(
      `update insight_aggregates
          set state = $3, analysed_texts = $4, rejected_texts = $5, sentiment_mean = $6, updated_at = now()
        where scope = $1 and subject_id = $2`,
      [scope, subjectId, json(aggregate), aggregate.analysedTexts, aggregate.rejectedTexts, mean],
    );
  }

  async deleteAggregate(client: PoolClient, scope: AggregateScope, subjectId: string): Promise<void> {
    await client.query('delete from insight_aggregates where scope = $1 and subject_id = $2', [
      scope,
      subjectId,
    ]);
  }

  async insertTextAnalysis(client: PoolClient, row: TextAnalysisRow): Promise<void> {
    const { outcome } = row;
    const analysed = outcome.status === 'analysed' ? outcome : undefined;
    await client.query(
      `insert into text_analyses (
         event_id, user_id, segment_id, event_name, status, text, rejection_code, rejection_message,
         language, sentiment, topics, keywords, warnings, alerts, models, emitted, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        row.eventId,
        row.userId,
        row.segmentId,
        row.eventName,
        outcome.status,
        analysed?.text ?? null,
        outcome.status === 'rejected' ? outcome.code : null,
        outcome.status === 'rejected' ? outcome.message : null,
        analysed?.language ?? null,
        analysed?.sentiment ?? null,
        json(analysed?.topics ?? []),
        json(analysed?.keywords ?? []),
        json(analysed?.warnings ?? []),
        json(analysed?.alerts ?? []),
        analysed ? json(analysed.models) : null,
        json(analysed?.emitted ?? []),
        row.occurredAt,
      ],
    );
  }

  async segmentsWithTextsOf(client: PoolClient, userId: string): Promise<string[]> {
    const { rows } = await client.query<{ segment_id: string }>(
      'select distinct segment_id from text_analyses where user_id = $1 order by segment_id',
      [userId],
    );
    return rows.map((row) => row.segment_id);
  }

  /** Removes everything insight holds about the user; returns how many texts went. */
  async deleteUser(client: PoolClient, userId: string): Promise<number> {
    const texts = await client.query('delete from text_analyses where user_id = $1', [userId]);
    await client.query('delete from insight_aggregates where scope = $1 and subject_id = $2', [
      'user',
      userId,
    ]);
    await client.query('delete from user_segments where user_id = $1', [userId]);
    return texts.rowCount ?? 0;
  }

  /** What each stored text of the segment contributed, in processing order (for a rebuild). */
  async observationsOfSegment(client: PoolClient, segmentId: string): Promise<TextObservation[]> {
    const { rows } = await client.query<{
      status: 'analysed' | 'rejected';
      sentiment: number | null;
      topics: Array<{ label: string }>;
      keywords: string[];
    }>('select status, sentiment, topics, keywords from text_analyses where segment_id = $1 order by seq', [
      segmentId,
    ]);
    return rows.map((row) =>
      row.status === 'rejected'
        ? { status: 'rejected' }
        : {
            status: 'analysed',
            sentiment: row.sentiment ?? 0,
            topics: row.topics.map((topic) => topic.label),
            keywords: row.keywords,
          },
    );
  }
}
