import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRng } from '@userops/bandits';
import { PG_POOL } from '@userops/service-host';
import type { Pool, PoolClient } from 'pg';
import { buildContextVector } from '../context/context-vector';
import { readProjectedUser } from '../context/projected-user.reader';
import { DecisionPointService } from '../decision-points/decision-point.service';
import { HttpProblem } from '@userops/service-host';
import { PolicyStore } from '../policy/policy-store';
import type { DecisionRequest, DecisionResponse, LoggedDecisionView } from './decision.schema';

export const holdoutPolicy = 'uniform-holdout';

export interface TakenDecision extends DecisionResponse {
  userId: string;
  decisionPoint: string;
  policy: string;
  modelVersion: string;
}

/**
 * One decision: context from the projection and the caller, the point's policy (or, for the
 * holdout share, a uniform draw logged as `uniform-holdout` with propensity 1/K), logged with
 * everything off-policy evaluation needs. The logged propensity is that of the component that
 * chose (policy or holdout), not the mixture.
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly decisionPoints: DecisionPointService,
    private readonly policies: PolicyStore,
  ) {}

  async decide(request: DecisionRequest, client?: PoolClient): Promise<TakenDecision> {
    const db = client ?? this.pool;
    const point = await this.decisionPoints.get(request.decisionPoint);
    const user = await readProjectedUser(db, request.userId);
    const context = buildContextVector(point.contextFeatures, user, request.context);
    const actions = point.actions.map((action) => action.id);
    const rng = createRng(randomInt(2 ** 31));
    const policy = await this.policies.load(point);
    let chosen: { actionId: string; propensity: number; policy: string };
    if (point.holdoutShare > 0 && rng.next() < point.holdoutShare) {
      chosen = {
        actionId: actions[Math.min(actions.length - 1, Math.floor(rng.next() * actions.length))]!,
        propensity: 1 / actions.length,
        policy: holdoutPolicy,
      };
    } else {
      const decision = policy.choose(context, actions, rng);
      chosen = { actionId: decision.actionId, propensity: decision.propensity, policy: point.policy.kind };
    }
    const modelVersion = `${point.policy.kind}@${policy.version}`;
    const decisionId = randomUUID();
    await db.query(
      `insert into decisions (id, user_id, decision_point, context, action_id, propensity, policy, model_version, reward_due_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))`,
      [
        decisionId,
        request.userId,
        point.name,
        JSON.stringify(context),
        chosen.actionId,
        chosen.propensity,
        chosen.policy,
        modelVersion,
        point.rewardWaitSeconds,
      ],
    );
    const payload = point.actions.find((action) => action.id === chosen.actionId)?.payload ?? {};
    return {
      decisionId,
      actionId: chosen.actionId,
      payload,
      propensity: chosen.propensity,
      userId: request.userId,
      decisionPoint: point.name,
      policy: chosen.policy,
      modelVersion,
    };
  }

  async find(decisionId: string): Promise<LoggedDecisionView> {
    const { rows } = /^[0-9a-f-]{36}$/i.test(decisionId)
      ? await this.pool.query<Record<string, unknown>>('select * from decisions where id = $1', [decisionId])
      : { rows: [] };
    const row = rows[0];
    if (!row)
      throw HttpProblem.notFound('DECISION_NOT_FOUND', `no decision ${decisionId} (it may have been erased)`);
    const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
    return {
      decisionId: row.id as string,
      userId: row.user_id as string,
      decisionPoint: row.decision_point as string,
      context: row.context as number[],
      actionId: row.action_id as string,
      propensity: row.propensity as number,
      policy: row.policy as string,
      modelVersion: row.model_version as string,
      createdAt: iso(row.created_at)!,
      rewardDueAt: iso(row.reward_due_at)!,
      rewardCount: row.reward_count as number,
      rewardTotal: row.reward_total as number,
      closedAt: iso(row.closed_at),
      appliedReward: (row.applied_reward as number | null) ?? null,
    };
  }
}
