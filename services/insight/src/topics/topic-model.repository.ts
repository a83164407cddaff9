import { Inject, Injectable } from '@nestjs/common';
import type { ClassificationReport, TopicExample, TopicModelJson } from '@userops/nlp';
import { PG_POOL } from '@userops/service-host';
import { inTransaction } from '@userops/storage';
import type { Pool } from 'pg';

export interface StoredTopicExample {
  id: string;
  text: string;
  labels: string[];
  createdAt: string;
}

export interface TopicModelMetrics {
  /** Held-out evaluation of the stored model. */
  heldOut: ClassificationReport;
  /** Out-of-fold macro-F1 of the chosen settings on the training split. */
  crossValidationMacroF1: number;
  l2: number;
  threshold: number;
}

export interface TopicExampleCounts {
  starter: number;
  team: number;
  /** After merging texts written twice. */
  total: number;
  train: number;
  test: number;
}

/** A stored version without its weights: what history and activation answers show. */
export interface TopicModelSummary {
  version: number;
  modelId: string;
  labels: string[];
  metrics: TopicModelMetrics;
  examples: TopicExampleCounts;
  trainingMs: number;
  createdAt: string;
}

export interface NewTopicModel extends Omit<TopicModelSummary, 'version' | 'createdAt'> {
  model: TopicModelJson;
}

export interface TopicModelActivation {
  /** 0 when the shipped model is active. */
  version: number;
  activatedAt: string;
}

interface ModelRow {
  version: number;
  model_id: string;
  labels: string[];
  metrics: TopicModelMetrics;
  examples: TopicExampleCounts;
  training_ms: number;
  created_at: Date;
}

const summaryOf = (row: ModelRow): TopicModelSummary => ({
  version: row.version,
  modelId: row.model_id,
  labels: row.labels,
  metrics: row.metrics,
  examples: row.examples,
  trainingMs: row.training_ms,
  createdAt: row.created_at.toISOString(),
});

// node-postgres would send a JS array as a Postgres array, not JSON.
const json = (value: unknown) => JSON.stringify(value);
// Serialises version numbering across replicas that retrain at the same time.
const versionLockKey = 0x1a5_7091c;

/** insight's topic examples, model versions and the active-version row (migrations/1733600000000). */
@Injectable()
export class TopicModelRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insertExamples(
    examples: ReadonlyArray<TopicExample & { id: string }>,
  ): Promise<StoredTopicExample[]> {
    const { rows } = await this.pool.query<{
      example_id: string;
      text: string;
      labels: string[];
      created_at: Date;
    }>(
      `insert into topic_examples (example_id, text, labels)
       select e.id, e.text, e.labels from jsonb_to_recordset($1::jsonb) as e(id uuid, text text, labels jsonb)
       returning example_id, text, labels, created_at`,
      [json(examples)],
    );
    return rows.map((row) => ({
      id: row.example_id,
      text: row.text,
      labels: row.labels,
      createdAt: row.created_at.toISOString(),
    }));
  }

  /** Newest first; `label` keeps only examples carrying it. */
  async listExamples(query: { label?: string; limit: number; offset: number }): Promise<{
    examples: StoredTopicExample[];
    total: number;
  }> {
    const labelFilter = query.label === undefined ? [] : [query.label];
    const where = query.label === undefined ? '' : 'where labels ? $1';
    const { rows } = await this.pool.query<{
      example_id: string;
      text: string;
      labels: string[];
      created_at: Date;
    }>(
      `select example_id, text, labels, created_at from topic_examples ${where}
       order by created_at desc, example_id
       limit $${labelFilter.length + 1} offset $${labelFilter.length + 2}`,
      [...labelFilter, query.limit, query.offset],
    );
    const counted = await this.pool.query<{ total: string }>(
      `select count(*) as total from topic_examples ${where}`,
      labelFilter,
    );
    return {
      examples: rows.map((row) => ({
        id: row.example_id,
        text: row.text,
        labels: row.labels,
        createdAt: row.created_at.toISOString(),
      })),
      total: Number(counted.rows[0]!.total),
    };
  }

  /** Team examples per label (an example with two labels counts for both). */
  async examplesPerLabel(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ label: string; examples: string }>(
      `select label, count(*) as examples from topic_examples, jsonb_array_elements_text(labels) as label
       group by label order by label`,
    );
    return Object.fromEntries(rows.map((row) => [row.label, Number(row.examples)]));
  }

  async deleteExample(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('delete from topic_examples where example_id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  /** Every team example, oldest first (the order a retrain merges them in). */
  async allExamples(): Promise<TopicExample[]> {
    const { rows } = await this.pool.query<{ text: string; labels: string[] }>(
      'select text, labels from topic_examples order by created_at, example_id',
    );
    return rows.map((row) => ({ text: row.text, labels: row.labels }));
  }

  /** Stores a model as the next version and, when asked, makes it the active one, atomically. */
  async insertModel(model: NewTopicModel, activate: boolean): Promise<TopicModelSummary> {
    return inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [versionLockKey]);
      const { rows } = await client.query<ModelRow>(
        `insert into topic_models (version, model, model_id, labels, metrics, examples, training_ms)
         select coalesce(max(version), 0) + 1, $1, $2, $3, $4, $5, $6 from topic_models
         returning version, model_id, labels, metrics, examples, training_ms, created_at`,
        [
          json(model.model),
          model.modelId,
          json(model.labels),
          json(model.metrics),
          json(model.examples),
          model.trainingMs,
        ],
      );
      const stored = rows[0]!;
      if (activate)
        await client.query('update topic_model_activation set version = $1, activated_at = now()', [
          stored.version,
        ]);
      return summaryOf(stored);
    });
  }

  /** Every stored version, newest first. */
  async listModels(): Promise<TopicModelSummary[]> {
    const { rows } = await this.pool.query<ModelRow>(
      `select version, model_id, labels, metrics, examples, training_ms, created_at
       from topic_models order by version desc`,
    );
    return rows.map(summaryOf);
  }

  async activation(): Promise<TopicModelActivation> {
    const { rows } = await this.pool.query<{ version: number | null; activated_at: Date }>(
      'select version, activated_at from topic_model_activation',
    );
    const row = rows[0]!;
    return { version: row.version ?? 0, activatedAt: row.activated_at.toISOString() };
  }

  /** The stored model JSON of a version, or undefined when there is no such version. */
  async model(version: number): Promise<unknown> {
    const { rows } = await this.pool.query<{ model: unknown }>(
      'select model from topic_models where version = $1',
      [version],
    );
    return rows[0]?.model;
  }

  /** Makes a stored version (or 0, the shipped model) active; false when the version is unknown. */
  async activate(version: number): Promise<TopicModelActivation | undefined> {
    const { rows } = await this.pool.query<{ version: number | null; activated_at: Date }>(
      `update topic_model_activation set version = $1, activated_at = now()
       where $1::integer is null or exists (select 1 from topic_models where version = $1)
       returning version, activated_at`,
      [version === 0 ? null : version],
    );
    const row = rows[0];
    return row && { version: row.version ?? 0, activatedAt: row.activated_at.toISOString() };
  }
}
