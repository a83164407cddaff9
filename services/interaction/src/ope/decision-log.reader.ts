import type { LoggedDecision } from '@userops/bandits';
import type { Pool } from 'pg';
import type { DecisionPointConfig } from '../decision-points/decision-point.schema';
import { type CsvLog, OpeInputError } from './ope-report';

/**
 * The closed decisions of a decision point as an OPE log, oldest first: the context vector,
 * the action, the reward the policy learned from and the logged propensity.
 */
export async function readDecisionLog(pool: Pool, decisionPoint: string): Promise<CsvLog> {
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
  }>(
    `select context, action_id, applied_reward, propensity from decisions
      where decision_point = $1 and closed_at is not null order by created_at, id`,
    [decisionPoint],
  );
  if (rows.length === 0)
    throw new OpeInputError(`decision point ${decisionPoint} has no closed decisions yet`);
  const records: LoggedDecision[] = rows.map((row) => ({
    context: row.context,
    action: row.action_id,
    reward: row.applied_reward,
    propensity: row.propensity,
  }));
  return { featureNames: points[0].config.contextFeatures, records };
}
