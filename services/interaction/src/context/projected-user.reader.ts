import type { Pool, PoolClient } from 'pg';
import type { ProjectedUser } from './context-vector';

/**
 * The user's projected profile and latest sentiment in one round trip (a decision's only read of
 * user state). A user known to neither projection gets empty features and segments and no sentiment.
 */
export async function readProjectedUser(db: Pool | PoolClient, userId: string): Promise<ProjectedUser> {
  const { rows } = await db.query<{
    features: Record<string, number> | null;
    segments: ProjectedUser['segments'] | null;
    sentiment: number | null;
  }>(
    `select p.features, p.segments, s.sentiment
       from (select $1::text as user_id) wanted
       left join user_profiles p on p.user_id = wanted.user_id
       left join user_sentiments s on s.user_id = wanted.user_id`,
    [userId],
  );
  const row = rows[0];
  return {
    features: row?.features ?? {},
    segments: row?.segments ?? {},
    ...(row?.sentiment === null || row?.sentiment === undefined ? {} : { sentiment: row.sentiment }),
  };
}
