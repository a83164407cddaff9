import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';

export interface ProfileRow {
  userId: string;
  features: Record<string, number>;
  traits: Record<string, string>;
  lastEventAtMs: number;
  orders: number;
  revenue: number;
}

export interface RfmInputRow {
  userId: string;
  lastEventAtMs: number;
  orders: number;
  revenue: number;
  segments: Record<string, string>;
}

export interface ModelRow {
  model: string;
  version: number;
  params: unknown;
  metrics: Record<string, unknown>;
  segments: unknown;
  trainingSize: number;
  createdAt: string;
}

// Objects are serialised by hand so jsonb gets JSON, never a Postgres array.
const json = (value: unknown) => JSON.stringify(value);

/** segmentation's tables (see migrations/). */
@Injectable()
export class SegmentationRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** One statement per batch: the flush writes every dirty user at once. */
  async upsertProfiles(rows: readonly ProfileRow[]): Promise<{ inserted: number }> {
    if (rows.length === 0) return { inserted: 0 };
    const { rows: written } = await this.pool.query<{ inserted: boolean }>(
      `insert into user_profiles (user_id, features, traits, last_event_at_ms, orders, revenue, updated_at)
       select r.user_id, r.features, r.traits, r.last_event_at_ms, r.orders, r.revenue, now()
         from jsonb_to_recordset($1::jsonb) as r(user_id text, features jsonb, traits jsonb,
              last_event_at_ms bigint, orders integer, revenue double precision)
       on conflict (user_id) do update set features = excluded.features, traits = excluded.traits,
         last_event_at_ms = excluded.last_event_at_ms, orders = excluded.orders,
         revenue = excluded.revenue, updated_at = now()
       returning (xmax = 0) as inserted`,
      [
        json(
          rows.map((row) => ({
            user_id: row.userId,
            features: row.features,
            traits: row.traits,
            last_event_at_ms: row.lastEventAtMs,
            orders: row.orders,
            revenue: row.revenue,
          })),
        ),
      ],
    );
    return { inserted: written.filter((row) => row.inserted).length };
  }

  async setSegments(
    model: string,
    assignments: ReadonlyArray<{ userId: string; segment: string | null }>,
  ): Promise<void> {
    if (assignments.length === 0) return;
    await this.pool.query(
      `update user_profiles p set segments = case when a.segment is null then p.segments - $1
                                                  else p.segments || jsonb_build_object($1::text, a.segment) end
         from jsonb_to_recordset($2::jsonb) as a(user_id text, segment text)
        where p.user_id = a.user_id`,
      [model, json(assignments.map((a) => ({ user_id: a.userId, segment: a.segment })))],
    );
  }

  /** The RFM inputs of every user, a page at a time in user_id order (keyset paging). */
  async rfmInputs(afterUserId: string, limit: number): Promise<RfmInputRow[]> {
    const { rows } = await this.pool.query<{
      user_id: string;
      last_event_at_ms: string;
      orders: number;
      revenue: number;
      segments: Record<string, string>;
    }>(
      `select user_id, last_event_at_ms, orders, revenue, segments from user_profiles
        where user_id > $1 order by user_id limit $2`,
      [afterUserId, limit],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      lastEventAtMs: Number(row.last_event_at_ms),
      orders: row.orders,
      revenue: row.revenue,
      segments: row.segments,
    }));
  }

  async allRfmInputs(): Promise<RfmInputRow[]> {
    const all: RfmInputRow[] = [];
    for (let after = ''; ;) {
      const page = await this.rfmInputs(after, 5000);
      all.push(...page);
      if (page.length < 5000) return all;
      after = page[page.length - 1]!.userId;
    }
  }

  async allFeatures(): Promise<
    Array<{
      userId: string;
      features: Record<string, number>;
      segments: Record<string, string>;
      lastEventAtMs: number;
    }>
  > {
    const { rows } = await this.pool.query<{
      user_id: string;
      features: Record<string, number>;
      segments: Record<string, string>;
      last_event_at_ms: string;
    }>('select user_id, features, segments, last_event_at_ms from user_profiles order by user_id');
    return rows.map((row) => ({
      userId: row.user_id,
      features: row.features,
      segments: row.segments,
      lastEventAtMs: Number(row.last_event_at_ms),
    }));
  }

  async segmentSizes(): Promise<Array<{ model: string; segmentId: string; size: number }>> {
    const { rows } = await this.pool.query<{ model: string; segment_id: string; size: string }>(
      `select s.key as model, s.value as segment_id, count(*) as size
         from user_profiles, jsonb_each_text(segments) s
        group by s.key, s.value order by s.key, count(*) desc, s.value`,
    );
    return rows.map((row) => ({ model: row.model, segmentId: row.segment_id, size: Number(row.size) }));
  }

  async members(model: string, segmentId: string, afterUserId: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `select user_id from user_profiles where segments ->> $1 = $2 and user_id > $3 order by user_id limit $4`,
      [model, segmentId, afterUserId, limit],
    );
    return rows.map((row) => row.user_id);
  }

  async deleteUser(userId: string): Promise<void> {
    await this.deleteUsers([userId]);
  }

  async deleteUsers(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.pool.query('delete from user_profiles where user_id = any($1::text[])', [userIds]);
  }

  async latestModel(model: string): Promise<ModelRow | undefined> {
    const { rows } = await this.pool.query(
      `select * from segment_models where model = $1 order by version desc limit 1`,
      [model],
    );
    return rows[0] ? toModelRow(rows[0]) : undefined;
  }

  /** Stores a new version (the next number; a concurrent writer's conflict is retried by the caller). */
  async insertModel(
    model: string,
    params: unknown,
    metrics: object,
    segments: unknown,
    trainingSize: number,
  ): Promise<ModelRow> {
    const { rows } = await this.pool.query(
      `insert into segment_models (model, version, params, metrics, segments, training_size)
       values ($1, coalesce((select max(version) from segment_models where model = $1), 0) + 1, $2, $3, $4, $5)
       returning *`,
      [model, json(params), json(metrics), json(segments), trainingSize],
    );
    return toModelRow(rows[0]);
  }

  async models(): Promise<ModelRow[]> {
    const { rows } = await this.pool.query('select * from segment_models order by model, version desc');
    return rows.map(toModelRow);
  }
}

function toModelRow(row: {
  model: string;
  version: number;
  params: unknown;
  metrics: Record<string, unknown>;
  segments: unknown;
  training_size: number;
  created_at: Date;
}): ModelRow {
  return {
    model: row.model,
    version: row.version,
    params: row.params,
    metrics: row.metrics,
    segments: row.segments,
    trainingSize: row.training_size,
    createdAt: row.created_at.toISOString(),
  };
}
