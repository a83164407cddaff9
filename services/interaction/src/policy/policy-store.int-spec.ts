import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createPolicy, createRng } from '@userops/bandits';
import { parseConfig } from '@userops/service-host';
import { createPostgresPool, createRedisClient, migrateUp } from '@userops/storage';
import { serviceTestEnv, testEndpoints, uniqueName, uniqueSchemaName } from '@userops/testing';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import { interactionConfigSchema } from '../config';
import type { DecisionPoint } from '../decision-points/decision-point.schema';
import { PolicyStore } from './policy-store';

describe('PolicyStore: two replicas applying closed decisions concurrently', () => {
  const schema = uniqueSchemaName('interaction_store');
  const config = parseConfig(
    interactionConfigSchema,
    serviceTestEnv('interaction', {
      DATABASE_SCHEMA: schema,
      INTERACTION_REDIS_PREFIX: `${uniqueName('store')}:`,
      INTERACTION_SNAPSHOT_EVERY: '7',
    }),
  );
  const point: DecisionPoint = {
    name: uniqueName('dp'),
    actions: ['a', 'b', 'c'].map((id) => ({ id, payload: {} })),
    policy: { kind: 'lin-ucb', alpha: 1 },
    contextFeatures: ['bias', 'x'],
    rewardWaitSeconds: 5,
    defaultReward: 0,
    rewardAggregation: 'sum',
    holdoutShare: 0,
  };
  const pools: Pool[] = [];
  const redises: Redis[] = [];
  let replicas: PolicyStore[];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      pools.push(createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema }));
      redises.push(createRedisClient(testEndpoints().redisUrl));
    }
    await migrateUp({ pool: pools[0]!, dir: join(__dirname, '../../migrations'), schema });
    replicas = [0, 1].map((i) => new PolicyStore(config, redises[i]!, pools[i]!));
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(redises.map((redis) => redis.quit()));
  });

  const rng = createRng(11);
  const insertClosed = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await pools[0]!.query(
        `insert into decisions (id, user_id, decision_point, context, action_id, propensity, policy, model_version,
                                reward_due_at, closed_at, applied_reward)
         values ($1, 'u', $2, $3, $4, 0.5, 'lin-ucb', 'lin-ucb@0', now(), now(), $5)`,
        [
          randomUUID(),
          point.name,
          JSON.stringify([1, rng.next()]),
          ['a', 'b', 'c'][i % 3],
          rng.next() < 0.4 ? 1 : 0,
        ],
      );
    }
  };
  const unapplied = async () =>
    Number(
      (await pools[0]!.query('select count(*) from decisions where applied_version is null')).rows[0]
        .count as string,
    );

  it('learns every decision exactly once and rebuilds the same state from snapshot plus replay', async () => {
    for (let round = 0; round < 4; round++) {
      await insertClosed(15);
      while ((await unapplied()) > 0) await Promise.all(replicas.map((store) => store.applyClosed(point)));
    }
    const { rows } = await pools[0]!.query<{
      context: number[];
      action_id: string;
      applied_reward: number;
      applied_version: number;
    }>('select context, action_id, applied_reward, applied_version from decisions order by applied_version');
    expect(rows.map((row) => row.applied_version)).toEqual(rows.map((_, i) => i + 1));
    const replay = createPolicy({ kind: 'lin-ucb', dimension: 2, alpha: 1 });
    for (const row of rows) replay.update(row.action_id, row.context, row.applied_reward);
    const live = await replicas[1]!.peek(point.name);
    expect(live).toEqual(replay.toState());

    const snapshots = await pools[0]!.query<{ version: number }>(
      'select version from policy_snapshots order by version',
    );
    expect(snapshots.rows.length).toBeGreaterThan(0);
    await redises[0]!.del(`${config.INTERACTION_REDIS_PREFIX}policy:${point.name}`);
    expect((await replicas[0]!.load(point)).toState()).toEqual(replay.toState());
  });

  it('does not learn twice when a replica dies between the Redis write and the Postgres mark', async () => {
    const before = (await replicas[0]!.peek(point.name))!.version;
    await insertClosed(5);
    // A replica whose Postgres connection fails right after its Redis write.
    const failingPool = new Proxy(pools[1]!, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (text: string, values?: unknown[]) =>
          text.includes('set applied_version')
            ? Promise.reject(new Error('connection lost'))
            : target.query(text, values);
      },
    });
    const dying = new PolicyStore(config, redises[1]!, failingPool);
    await expect(dying.applyClosed(point)).rejects.toThrow('connection lost');
    expect((await replicas[0]!.peek(point.name))!.version).toBe(before + 5);
    expect(await unapplied()).toBe(5);

    await replicas[0]!.applyClosed(point);
    expect(await unapplied()).toBe(0);
    const { rows } = await pools[0]!.query<{
      context: number[];
      action_id: string;
      applied_reward: number;
      applied_version: number;
    }>('select context, action_id, applied_reward, applied_version from decisions order by applied_version');
    expect(rows.map((row) => row.applied_version)).toEqual(rows.map((_, i) => i + 1));
    const replay = createPolicy({ kind: 'lin-ucb', dimension: 2, alpha: 1 });
    for (const row of rows) replay.update(row.action_id, row.context, row.applied_reward);
    expect(await replicas[0]!.peek(point.name)).toEqual(replay.toState());
  });
});
