import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

/**
 * Users a service erased after `user-deleted.v1`. A message produced before the deletion may
 * still be in flight on another topic and be consumed after it; every path that stores user state
 * checks this table first and skips the user, so such a message cannot bring the user back. Rows
 * are never removed: ingest never admits the user again (its suppression list is permanent too),
 * so only messages produced before the deletion can still name them, however late they come.
 * Each service creates the table in its own schema with its migrations (this is its shape).
 */
export const forgottenUsersTableSql =
  'create table if not exists forgotten_users (user_id text primary key, forgotten_at timestamptz not null default now())';

// A per-user transaction lock, one per schema (so per service): writers take it shared, the
// erasure exclusively. Reading forgotten_users alone would not do under READ COMMITTED: a writer
// that checked just before the erasure committed could still commit its rows after the erasure
// deleted the user's. The lock orders the two, and the check runs as a statement after it, so it
// sees a committed erasure.
const erasureLock = (mode: 'shared' | 'exclusive') =>
  `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtextextended(current_schema() || '.user:' || $1, 0))`;

/**
 * Whether the user was erased, holding the user's erasure lock (shared) until the caller's
 * transaction ends, so an erasure cannot commit between this answer and the caller's writes.
 * Take it before any other lock of the transaction (the erasure takes it first too: no deadlock).
 */
export async function isForgotten(client: PoolClient, userId: string): Promise<boolean> {
  await client.query(erasureLock('shared'), [userId]);
  const { rows } = await client.query<{ forgotten: boolean }>(
    'select exists (select 1 from forgotten_users where user_id = $1) as forgotten',
    [userId],
  );
  return rows[0]!.forgotten;
}

/**
 * Records the erasure in the caller's transaction (the one that deletes the user's data), after
 * waiting for writers of the user in flight, whose rows the deletion then sees. Idempotent.
 */
export async function markForgotten(client: PoolClient, userId: string): Promise<void> {
  await client.query(erasureLock('exclusive'), [userId]);
  await client.query('insert into forgotten_users (user_id) values ($1) on conflict do nothing', [userId]);
}

/** What inUserTransaction answers instead of running its work, for an erased user. */
export const forgottenUser = Symbol('forgotten user');

/**
 * How a consumer writes a user's state: `work` runs in a transaction that holds the user's
 * erasure lock (see isForgotten), and does not run at all when the user was erased, so a message
 * produced before the deletion cannot bring the user back.
 */
export function inUserTransaction<T>(
  pool: Pool,
  userId: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T | typeof forgottenUser> {
  return inTransaction(pool, async (client) =>
    (await isForgotten(client, userId)) ? forgottenUser : work(client),
  );
}
