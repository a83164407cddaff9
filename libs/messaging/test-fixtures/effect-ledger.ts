import { claimOnce, idempotencyTableSql, inTransaction } from '@userops/storage';
import type { Pool } from 'pg';
import { z } from 'zod';

/** Test contract: each message is one countable event. */
export const countedEvent = z.object({ eventId: z.uuid(), sequence: z.number().int() });
export type CountedEvent = z.output<typeof countedEvent>;

export async function createLedger(pool: Pool): Promise<void> {
  await pool.query(idempotencyTableSql);
  await pool.query('create table if not exists deliveries (event_id uuid not null, consumer text not null)');
  await pool.query('create table if not exists effects (event_id uuid not null, sequence int not null)');
}

/**
 * Every delivery is logged; the effect (a row in effects) is applied only when the eventId was
 * not processed before, in the same transaction as the claim. effects has no unique key of its
 * own, so a double application would show as an extra row.
 */
export async function applyOnce(pool: Pool, consumer: string, event: CountedEvent): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('insert into deliveries (event_id, consumer) values ($1, $2)', [
      event.eventId,
      consumer,
    ]);
    if (await claimOnce(client, 'counter', event.eventId)) {
      await client.query('insert into effects (event_id, sequence) values ($1, $2)', [
        event.eventId,
        event.sequence,
      ]);
    }
  });
}
