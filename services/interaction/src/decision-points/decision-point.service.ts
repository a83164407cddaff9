import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import { HttpProblem } from '@userops/service-host';
import { inTransaction } from '@userops/storage';
import type { DecisionPoint, DecisionPointConfig } from './decision-point.schema';

/** 404 DECISION_POINT_NOT_FOUND, saying how to create the point. */
export function decisionPointNotFound(name: string): HttpProblem {
  return HttpProblem.notFound(
    'DECISION_POINT_NOT_FOUND',
    `no decision point named ${name}; create it with PUT /v1/admin/decision-points/${name}`,
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Decision points in Postgres. Actions, reward window, default reward, aggregation and holdout may
 * change at any time: the policy keeps one model per action, so adding or retiring an action
 * leaves the others' learned state alone. The policy and the context features fix the model's
 * meaning and dimension, so changing them is refused (create a new decision point instead).
 */
@Injectable()
export class DecisionPointService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async put(
    name: string,
    config: DecisionPointConfig,
  ): Promise<{ created: boolean; decisionPoint: DecisionPoint }> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ config: DecisionPointConfig }>(
        'select config from decision_points where name = $1 for update',
        [name],
      );
      const existing = rows[0]?.config;
      if (existing) {
        if (
          !sameJson(existing.policy, config.policy) ||
          !sameJson(existing.contextFeatures, config.contextFeatures)
        )
          throw new HttpProblem(
            409,
            'POLICY_IMMUTABLE',
            `decision point ${name} keeps its policy and context features once created; create a new decision point to change them`,
          );
        await client.query('update decision_points set config = $2, updated_at = now() where name = $1', [
          name,
          JSON.stringify(config),
        ]);
      } else {
        await client.query('insert into decision_points (name, config) values ($1, $2)', [
          name,
          JSON.stringify(config),
        ]);
      }
      return { created: !existing, decisionPoint: { name, ...config } };
    });
  }

  async find(name: string): Promise<DecisionPoint | undefined> {
    const { rows } = await this.pool.query<{ config: DecisionPointConfig }>(
      'select config from decision_points where name = $1',
      [name],
    );
    return rows[0] ? { name, ...rows[0].config } : undefined;
  }

  async get(name: string): Promise<DecisionPoint> {
    const found = await this.find(name);
    if (!found) throw decisionPointNotFound(name);
    return found;
  }

  async list(): Promise<DecisionPoint[]> {
    const { rows } = await this.pool.query<{ name: string; config: DecisionPointConfig }>(
      'select name, config from decision_points order by name',
    );
    return rows.map((row) => ({ name: row.name, ...row.config }));
  }
}
