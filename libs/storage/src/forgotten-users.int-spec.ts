import { testEndpoints, uniqueName, uniqueSchemaName, waitFor } from '@userops/testing';
import type { Pool, PoolClient } from 'pg';
import { forgottenUsersTableSql, isForgotten, markForgotten } from './forgotten-users';
import { createPostgresPool } from './postgres-pool';

// The interleavings a message in flight can have with the erasure, played step by step on two
// connections: whichever takes the user's erasure lock first, the user's row does not survive.
describe('forgotten users: the erasure lock orders a writer and the erasure of the same user', () => {
  const schema = uniqueSchemaName('storage_forgotten');
  let pool: Pool;
  let writer: PoolClient;
  let eraser: PoolClient;

  beforeAll(async () => {
    pool = createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema });
    await pool.query(`create schema if not exists ${schema}`);
    await pool.query(forgottenUsersTableSql);
    // Stands for any table of user state a service keeps.
    await pool.query('create table user_notes (user_id text not null, note text not null)');
    writer = await pool.connect();
    eraser = await pool.connect();
  });

  afterAll(async () => {
    writer?.release();
    eraser?.release();
    await pool?.end();
  });

  const waitingForLock = async (client: PoolClient) => {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return () =>
      waitFor(
        async () =>
          (
            await pool.query(
              "select 1 from pg_locks where pid = $1 and locktype = 'advisory' and not granted",
              [rows[0]!.pid],
            )
          ).rowCount === 1,
        { timeoutMs: 10_000, description: 'a transaction waiting for the erasure lock' },
      );
  };
  const erase = async (userId: string) => {
    await markForgotten(eraser, userId);
    await eraser.query('delete from user_notes where user_id = $1', [userId]);
    await eraser.query('commit');
  };
  const project = (userId: string) =>
    writer.query("insert into user_notes (user_id, note) values ($1, 'wrote in flight')", [userId]);
  const noteRows = async (userId: string) =>
    (await pool.query('select 1 from user_notes where user_id = $1', [userId])).rowCount;

  it('makes the erasure wait for a writer that checked the user first, then deletes what it wrote', async () => {
    const userId = uniqueName('writer-first');
    await writer.query('begin');
    expect(await isForgotten(writer, userId)).toBe(false);
    const eraserWaits = await waitingForLock(eraser);
    await eraser.query('begin');
    const erasure = erase(userId);
    await eraserWaits();
    await project(userId);
    await writer.query('commit');
    await erasure;
    expect(await noteRows(userId)).toBe(0);
  });

  it('makes a writer wait for an erasure in flight, then see the user as forgotten', async () => {
    const userId = uniqueName('erasure-first');
    await eraser.query('begin');
    await markForgotten(eraser, userId);
    const writerWaits = await waitingForLock(writer);
    await writer.query('begin');
    const checked = isForgotten(writer, userId);
    await writerWaits();
    await eraser.query('delete from user_notes where user_id = $1', [userId]);
    await eraser.query('commit');
    expect(await checked).toBe(true);
    await writer.query('commit');
  });
});
