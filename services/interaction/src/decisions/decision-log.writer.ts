import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool, PoolClient } from 'pg';
import { userDeleted } from '../users/forgotten-users';

/** One row of the decision log as a decision writes it. */
export interface DecisionLogRow {
  id: string;
  userId: string;
  decisionPoint: string;
  context: number[];
  actionId: string;
  propensity: number;
  policy: string;
  modelVersion: string;
  rewardWaitSeconds: number;
}

interface PendingRow {
  row: DecisionLogRow;
  logged: () => void;
  failed: (error: unknown) => void;
}

/** Rows per insert; bounds one statement's parameter arrays (a few kB per row). */
const maxRowsPerInsert = 500;

// One statement for any number of rows (arrays unnested in parameter order), so Postgres plans it
// once per connection. The reward window is counted from the insert, as for a single row. A row
// of an erased user is left out (DecisionService refused them already; this covers an erasure
// that committed between its read and this insert), and the ids returned say which went in. The
// check sees what committed before the statement began: only an erasure committing while this
// very insert runs goes unseen. Closing that too would need the erasure lock in a transaction
// around every batch (forgotten-users.ts), which the message consumers take but decisions do not.
const insertRows = {
  name: 'interaction.decisions.insert',
  text: `insert into decisions (id, user_id, decision_point, context, action_id, propensity, policy, model_version, reward_due_at)
         select r.id, r.user_id, r.decision_point, r.context::jsonb, r.action_id, r.propensity, r.policy,
                r.model_version, now() + make_interval(secs => r.wait)
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[],
                       $8::text[], $9::int[])
             as r(id, user_id, decision_point, context, action_id, propensity, policy, model_version, wait)
          where not exists (select 1 from forgotten_users f where f.user_id = r.user_id)
         returning id`,
};

/** Inserts the rows; returns the ids of those written (all but rows of erased users). */
async function insert(db: Pool | PoolClient, rows: readonly DecisionLogRow[]): Promise<Set<string>> {
  const { rows: written } = await db.query<{ id: string }>({
    ...insertRows,
    values: [
      rows.map((row) => row.id),
      rows.map((row) => row.userId),
      rows.map((row) => row.decisionPoint),
      rows.map((row) => JSON.stringify(row.context)),
      rows.map((row) => row.actionId),
      rows.map((row) => row.propensity),
      rows.map((row) => row.policy),
      rows.map((row) => row.modelVersion),
      rows.map((row) => row.rewardWaitSeconds),
    ],
  });
  return new Set(written.map((row) => row.id));
}

/** Settles each pending decision: logged, or refused as its user was erased meanwhile. */
function settle(batch: readonly PendingRow[], written: Set<string>): void {
  for (const pending of batch) {
    if (written.has(pending.row.id)) pending.logged();
    else pending.failed(userDeleted(pending.row.userId));
  }
}

/**
 * Writes the decision log. `append` resolves once the row is committed, so a decision is answered
 * only after it is logged; concurrent decisions share one insert and one commit (group commit):
 * while an insert is in flight the rows that arrive queue up and go together in the next one. The
 * batch size follows the load by itself, and a lone decision waits for no timer.
 *
 * A row Postgres refuses (e.g. a user id with a NUL character) must not fail the decisions it was
 * batched with, so a failed batch is retried row by row and each decision gets its own outcome.
 * A batch that failed after it committed (connection lost on the reply) makes its retries fail on
 * the primary key: those decisions answer an error although logged, as a single insert would.
 */
@Injectable()
export class DecisionLogWriter {
  private queued: PendingRow[] = [];
  private flushing = false;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  append(row: DecisionLogRow): Promise<void> {
    return new Promise<void>((logged, failed) => {
      this.queued.push({ row, logged, failed });
      if (!this.flushing) void this.flush();
    });
  }

  /** Inside the caller's transaction (the row commits or rolls back with it). */
  async appendIn(client: PoolClient, row: DecisionLogRow): Promise<void> {
    if (!(await insert(client, [row])).has(row.id)) throw userDeleted(row.userId);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queued.length > 0) {
        const batch = this.queued.splice(0, maxRowsPerInsert);
        try {
          const written = await insert(
            this.pool,
            batch.map((pending) => pending.row),
          );
          settle(batch, written);
        } catch (error) {
          if (batch.length === 1) batch[0]!.failed(error);
          else
            await Promise.all(
              batch.map((pending) =>
                insert(this.pool, [pending.row]).then(
                  (written) => settle([pending], written),
                  pending.failed,
                ),
              ),
            );
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
