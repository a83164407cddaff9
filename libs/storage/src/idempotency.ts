import type { PoolClient } from 'pg';

/**
 * Records that `scope` applied the effect of `key` (an eventId, or topic/partition/offset), in
 * the same transaction as the effect. Returns false when it was already applied, so a redelivered
 * message changes nothing twice. Needs the `processed_messages` table (see idempotencyTableSql).
 */
export async function claimOnce(client: PoolClient, scope: string, key: string): Promise<boolean> {
  const result = await client.query(
    'insert into processed_messages (scope, message_key) values ($1, $2) on conflict do nothing',
    [scope, key],
  );
  return result.rowCount === 1;
}

/** DDL for the table claimOnce uses; services include it in one of their migrations. */
export const idempotencyTableSql = `
create table if not exists processed_messages (
  scope text not null,
  message_key text not null,
  processed_at timestamptz not null default now(),
  primary key (scope, message_key)
)`;
