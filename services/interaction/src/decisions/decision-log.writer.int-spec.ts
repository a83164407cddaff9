import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createPostgresPool, migrateUp } from '@userops/storage';
import { testEndpoints, uniqueSchemaName } from '@userops/testing';
import type { Pool } from 'pg';
import { type DecisionLogRow, DecisionLogWriter } from './decision-log.writer';

describe('DecisionLogWriter: concurrent decisions share inserts, each answered once its row is committed', () => {
  const schema = uniqueSchemaName('interaction_log');
  let pool: Pool;
  /** Statements the writer sent through its pool (the test's own reads bypass the count). */
  let inserts = 0;
  let writer: DecisionLogWriter;

  beforeAll(async () => {
    pool = createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema });
    await migrateUp({ pool, dir: join(__dirname, '../../migrations'), schema });
    const counting = new Proxy(pool, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (query: Parameters<Pool['query']>[0], values?: unknown[]) => {
          inserts++;
          return target.query(query, values);
        };
      },
    });
    writer = new DecisionLogWriter(counting);
  });

  afterAll(() => pool.end());

  const row = (userId: string, i: number): DecisionLogRow => ({
    id: randomUUID(),
    userId,
    decisionPoint: 'offers',
    context: [1, i / 10],
    actionId: `action-${i % 3}`,
    propensity: 1 / ((i % 3) + 1),
    policy: 'lin-ucb',
    modelVersion: `lin-ucb@${i}`,
    rewardWaitSeconds: 5 + i,
  });
  const stored = async (ids: string[]) =>
    (
      await pool.query<{
        id: string;
        user_id: string;
        context: number[];
        action_id: string;
        propensity: number;
        model_version: string;
        wait: number;
      }>(
        `select id, user_id, context, action_id, propensity, model_version,
                extract(epoch from reward_due_at - created_at)::float8 as wait
           from decisions where id = any($1::uuid[])`,
        [ids],
      )
    ).rows;

  it('writes every row as given, in fewer statements than rows, and each append waits for its commit', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(`user-${i}`, i));
    const before = inserts;
    const found = await Promise.all(
      rows.map(async (r) => {
        await writer.append(r);
        // Committed when append resolves: another connection sees it.
        return (await stored([r.id])).length;
      }),
    );
    expect(found).toEqual(rows.map(() => 1));
    const statements = inserts - before; // the reads above go around the counter
    expect(statements).toBeLessThan(rows.length);
    expect(statements).toBeGreaterThanOrEqual(1);

    const byId = new Map((await stored(rows.map((r) => r.id))).map((s) => [s.id, s]));
    for (const r of rows)
      expect(byId.get(r.id)).toEqual({
        id: r.id,
        user_id: r.userId,
        context: r.context,
        action_id: r.actionId,
        propensity: r.propensity,
        model_version: r.modelVersion,
        wait: r.rewardWaitSeconds,
      });
  });

  it('fails only the decision whose row Postgres refuses, not those batched with it', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i === 5 ? 'nul\u0000user' : `user-${i}`, i));
    const outcomes = await Promise.allSettled(rows.map((r) => writer.append(r)));
    expect(outcomes.map((o) => o.status)).toEqual(rows.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const ids = new Set((await stored(rows.map((r) => r.id))).map((s) => s.id));
    expect(rows.map((r) => ids.has(r.id))).toEqual(rows.map((_, i) => i !== 5));
  });

  it('leaves out the rows of an erased user and refuses those decisions with USER_DELETED', async () => {
    const erased = `erased-${randomUUID()}`;
    await pool.query('insert into forgotten_users (user_id) values ($1)', [erased]);
    const rows = Array.from({ length: 6 }, (_, i) => row(i % 3 === 1 ? erased : `kept-${i}`, i));
    const outcomes = await Promise.allSettled(rows.map((r) => writer.append(r)));
    expect(
      outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'logged')),
    ).toEqual(rows.map((r) => (r.userId === erased ? 'USER_DELETED' : 'logged')));
    expect((await stored(rows.map((r) => r.id))).map((s) => s.user_id).sort()).toEqual(
      rows
        .filter((r) => r.userId !== erased)
        .map((r) => r.userId)
        .sort(),
    );

    const client = await pool.connect();
    try {
      await expect(writer.appendIn(client, row(erased, 9))).rejects.toMatchObject({
        status: 410,
        code: 'USER_DELETED',
      });
    } finally {
      client.release();
    }
  });

  it('writes inside the caller transaction, so the row rolls back with it', async () => {
    const client = await pool.connect();
    const kept = row('in-transaction', 1);
    const dropped = row('rolled-back', 2);
    try {
      await client.query('begin');
      await writer.appendIn(client, kept);
      await client.query('commit');
      await client.query('begin');
      await writer.appendIn(client, dropped);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect((await stored([kept.id, dropped.id])).map((s) => s.id)).toEqual([kept.id]);
  });
});
