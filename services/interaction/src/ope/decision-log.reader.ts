import type { LoggedDecision } from '@userops/bandits';
import type { Pool } from 'pg';
import type { DecisionPointConfig } from '../decision-points/decision-point.schema';
import { type CsvLog, OpeInputError } from './ope-report';

export interface DecisionLogWindow {
  /** Only decisions taken at or after this instant. */
  since?: Date;
  /** At most this many, the newest; all when omitted. */
  limit?: number;
}

/** A decision point's closed decisions as an OPE log, with when the first and last were taken. */
export interface DecisionLog extends CsvLog {
  firstDecisionAt: string;
  lastDecisionAt: string;
}

/**
 * The closed decisions of a decision point as an OPE log, oldest first (a learning candidate is
 * trained on the head of the log and evaluated on its tail): the context vector, the action, the
 * reward the policy learned from and the logged propensity.
 */
export async function readDecisionLog(
  pool: Pool,
  decisionPoint: string,
  window: DecisionLogWindow = {},
): Promise<DecisionLog> {
  const { rows: points } = await pool.query<{ config: DecisionPointConfig }>(
    'select config from decision_points where name = $1',
    [decisionPoint],
  );
  if (!points[0]) throw new OpeInputError(`no decision point named ${decisionPoint}`);
  const { rows } = await pool.query<{
    context: number[];
    action_id: string;
    applied_reward: number;
    propensity: number;
    created_at: Date;
  }>(
    `select * from (
       select id, context, action_id, applied_reward, propensity, created_at from decisions
        where decision_point = $1 and closed_at is not null and ($2::timestamptz is null or created_at >= $2)
        order by created_at desc, id desc limit $3
     ) newest order by created_at, id`,
    [decisionPoint, window.since ?? null, window.limit ?? null],
  );
  if (rows.length === 0)
    throw new OpeInputError(
      `decision point ${decisionPoint} has no closed decisions${window.since ? ` since ${window.since.toISOString()}` : ''} yet; a decision closes when its reward window (plus the grace period) has passed`,
      'NO_CLOSED_DECISIONS',
    );
  const records: LoggedDecision[] = rows.map((row) => ({
    context: row.context,
    action: row.action_id,
    reward: row.applied_reward,
    propensity: row.propensity,
  }));
  return {
    featureNames: points[0].config.contextFeatures,
    records,
    firstDecisionAt: rows[0]!.created_at.toISOString(),
    lastDecisionAt: rows[rows.length - 1]!.created_at.toISOString(),
  };
}
