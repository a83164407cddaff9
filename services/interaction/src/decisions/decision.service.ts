import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRng } from '@userops/bandits';
import { PG_POOL } from '@userops/service-host';
import type { Pool, PoolClient } from 'pg';
import { buildContextVector } from '../context/context-vector';
import { decisionPointNotFound } from '../decision-points/decision-point.service';
import { readDecisionInputs } from './decision-inputs.reader';
import { type DecisionLogRow, DecisionLogWriter } from './decision-log.writer';
import { HttpProblem } from '@userops/service-host';
import { PolicyStore } from '../policy/policy-store';
import { userDeleted } from '../users/forgotten-users';
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
 * chose (policy or holdout), not the mixture. A decision is answered only once its log row is
 * committed (DecisionLogWriter).
 *
 * An erased user gets 410 USER_DELETED, not a decision on caller context alone: every decision
 * is logged with its user id (for rewards and OPE), so deciding would put the user back in the
 * log the erasure emptied, and a decision that is not logged could never be rewarded.
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly policies: PolicyStore,
    private readonly log: DecisionLogWriter,
  ) {}

  async decide(request: DecisionRequest, client?: PoolClient): Promise<TakenDecision> {
    const db = client ?? this.pool;
    // The Postgres read (settings and user) and the policy's freshness check in Redis run side by
    // side; the policy needs the settings only when Redis lacks its state.
    const pointAndUser = readDecisionInputs(db, request.decisionPoint, request.userId).then(
      ({ point, user, forgotten }) => {
        if (forgotten) throw userDeleted(request.userId);
        if (!point) throw decisionPointNotFound(request.decisionPoint);
        return { point, user };
      },
    );
    const [{ point, user }, policy] = await Promise.all([
      pointAndUser,
      this.policies.loadForDecision(request.decisionPoint, async () => (await pointAndUser).point),
    ]);
    const context = buildContextVector(point.contextFeatures, user, request.context);
    const actions = point.actions.map((action) => action.id);
    const rng = createRng(randomInt(2 ** 31));
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
    const row: DecisionLogRow = {
      id: decisionId,
      userId: request.userId,
      decisionPoint: point.name,
      context,
      actionId: chosen.actionId,
      propensity: chosen.propensity,
      policy: chosen.policy,
      modelVersion,
      rewardWaitSeconds: point.rewardWaitSeconds,
    };
    await (client ? this.log.appendIn(client, row) : this.log.append(row));
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
