import type { Pool, PoolClient } from 'pg';
import type { ProjectedUser } from '../context/context-vector';
import type { DecisionPoint, DecisionPointConfig } from '../decision-points/decision-point.schema';

/** What one decision reads from Postgres: the point's settings (undefined if none) and the user. */
export interface DecisionInputs {
  point: DecisionPoint | undefined;
  user: ProjectedUser;
  /** The user was erased (forgotten_users): no decision may be taken, or logged, for them. */
  forgotten: boolean;
}

/**
 * The decision point's settings, the user's projected profile and latest sentiment, in one round
 * trip (a decision's only read of Postgres). The settings are read with every decision rather
 * than cached: they ride on a query the decision makes anyway, so an admin change is seen by the
 * next decision on every replica at no cost. A user known to neither projection gets empty
 * features and segments and no sentiment; an erased user is flagged. The statement is named, so
 * each connection parses and plans it once.
 */
export async function readDecisionInputs(
  db: Pool | PoolClient,
  decisionPoint: string,
  userId: string,
): Promise<DecisionInputs> {
  const { rows } = await db.query<{
    config: DecisionPointConfig | null;
    features: Record<string, number> | null;
    segments: ProjectedUser['segments'] | null;
    sentiment: number | null;
    forgotten: boolean;
  }>({
    name: 'interaction.decision-inputs',
    text: `select d.config, p.features, p.segments, s.sentiment,
              exists (select 1 from forgotten_users f where f.user_id = wanted.user_id) as forgotten
       from (select $1::text as user_id, $2::text as decision_point) wanted
       left join decision_points d on d.name = wanted.decision_point
       left join user_profiles p on p.user_id = wanted.user_id
       left join user_sentiments s on s.user_id = wanted.user_id`,
    values: [userId, decisionPoint],
  });
  const row = rows[0];
  return {
    point: row?.config ? { name: decisionPoint, ...row.config } : undefined,
    user: {
      features: row?.features ?? {},
      segments: row?.segments ?? {},
      ...(row?.sentiment === null || row?.sentiment === undefined ? {} : { sentiment: row.sentiment }),
    },
    forgotten: row?.forgotten ?? false,
  };
}
