import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRng } from '@userops/bandits';
import { parseConfig } from '@userops/service-host';
import { createPostgresPool, createRedisClient, migrateUp } from '@userops/storage';
import { serviceTestEnv, testEndpoints, uniqueName, uniqueSchemaName } from '@userops/testing';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import { interactionConfigSchema } from '../config';
import type { DecisionPoint } from '../decision-points/decision-point.schema';
import { PolicyStore } from './policy-store';

describe('PolicyStore: the parsed policy kept for decisions, across replicas', () => {
  const schema = uniqueSchemaName('interaction_cache');
  const config = parseConfig(
    interactionConfigSchema,
    serviceTestEnv('interaction', {
      DATABASE_SCHEMA: schema,
      INTERACTION_REDIS_PREFIX: `${uniqueName('cache')}:`,
      INTERACTION_SNAPSHOT_EVERY: '4',
    }),
  );
  const pools: Pool[] = [];
  const redises: Redis[] = [];
  /** Full state reads (the script that returns `state`) per replica, counted on the real client. */
  const stateReads = [0, 0];
  let replicaA: PolicyStore;
  let replicaB: PolicyStore;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      pools.push(createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema }));
      redises.push(createRedisClient(testEndpoints().redisUrl));
    }
    await migrateUp({ pool: pools[0]!, dir: join(__dirname, '../../migrations'), schema });
    const counting = (redis: Redis, replica: number) =>
      new Proxy(redis, {
        get(target, property, receiver) {
          if (property !== 'eval') return Reflect.get(target, property, receiver) as unknown;
          return (script: string, numKeys: number, ...keysAndArgs: Array<string | number>) => {
            if (script.includes('HMGET')) stateReads[replica]!++;
            return target.eval(script, numKeys, ...keysAndArgs);
          };
        },
      });
    replicaA = new PolicyStore(config, counting(redises[0]!, 0), pools[0]!);
    replicaB = new PolicyStore(config, counting(redises[1]!, 1), pools[1]!);
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(redises.map((redis) => redis.quit()));
  });

  const newPoint = (): DecisionPoint => ({
    name: uniqueName('dp'),
    actions: ['a', 'b', 'c'].map((id) => ({ id, payload: {} })),
    policy: { kind: 'lin-ucb', alpha: 1 },
    contextFeatures: ['bias', 'x'],
    rewardWaitSeconds: 5,
    defaultReward: 0,
    rewardAggregation: 'sum',
    holdoutShare: 0,
  });
  const rng = createRng(23);
  /** Closed, not yet learned decisions, as the closer leaves them. */
  const insertClosed = async (point: DecisionPoint, count: number) => {
    for (let i = 0; i < count; i++)
      await pools[0]!.query(
        `insert into decisions (id, user_id, decision_point, context, action_id, propensity, policy, model_version,
                                reward_due_at, closed_at, applied_reward)
         values ($1, 'u', $2, $3, $4, 1, 'lin-ucb', 'lin-ucb@0', now(), now(), $5)`,
        [randomUUID(), point.name, JSON.stringify([1, rng.next()]), ['a', 'b', 'c'][i % 3], rng.next()],
      );
  };
  const pointOf = (point: DecisionPoint) => () => Promise.resolve(point);
  const context = [1, 0.5];

  it('reuses the parsed state while nothing is written, and sees an update applied by the other replica on its next decision', async () => {
    const point = newPoint();
    const first = await replicaB.loadForDecision(point.name, pointOf(point));
    expect(first.version).toBe(0);
    const readsAfterFirst = stateReads[1]!;
    expect(await replicaB.loadForDecision(point.name, pointOf(point))).toBe(first);
    expect(stateReads[1]).toBe(readsAfterFirst);

    await insertClosed(point, 5);
    expect(await replicaA.applyClosed(point)).toBe(5);
    const next = await replicaB.loadForDecision(point.name, pointOf(point));
    expect(next.version).toBe(5);
    expect(next.toState()).toEqual(await replicaA.peek(point.name));
    // The replica that learned keeps what it wrote for its own decisions, without reading it back.
    const readsBefore = stateReads[0]!;
    await insertClosed(point, 2);
    expect(await replicaA.applyClosed(point)).toBe(2);
    const readsAfterApply = stateReads[0]!; // the learning pass reads its own copy
    expect((await replicaA.loadForDecision(point.name, pointOf(point))).version).toBe(7);
    expect(stateReads[0]).toBe(readsAfterApply);
    expect(readsAfterApply).toBe(readsBefore + 1);
  });

  it('never lets learning change a policy that decisions hold', async () => {
    const point = newPoint();
    await insertClosed(point, 3);
    await replicaB.applyClosed(point);
    const held = await replicaB.loadForDecision(point.name, pointOf(point));
    const before = held.toState();
    await insertClosed(point, 3);
    // Learning on the same replica, whose cache holds `held`: it must update a copy.
    expect(await replicaB.applyClosed(point)).toBe(3);
    expect(held.version).toBe(3);
    expect(held.toState()).toEqual(before);
    expect((await replicaB.loadForDecision(point.name, pointOf(point))).version).toBe(6);
  });

  it('re-reads a state rebuilt at the same version after Redis lost it, even when the rebuild differs', async () => {
    const point = newPoint();
    await insertClosed(point, 6);
    await replicaA.applyClosed(point);
    const cached = await replicaB.loadForDecision(point.name, pointOf(point));
    expect(cached.version).toBe(6);

    // Redis loses the state, and what Postgres replays differs from what was lost (as after a
    // crash between the Redis write and the Postgres mark, or a Redis restored from an old copy).
    await redises[0]!.del(`${config.INTERACTION_REDIS_PREFIX}policy:${point.name}`);
    await pools[0]!.query(
      'update decisions set applied_reward = applied_reward + 5 where decision_point = $1 and applied_version = 6',
      [point.name],
    );
    await pools[0]!.query('delete from policy_snapshots where decision_point = $1', [point.name]);
    const rebuilt = await replicaA.load(point); // writes the rebuilt state: same version, new stamp
    expect(rebuilt.version).toBe(6);

    const seen = await replicaB.loadForDecision(point.name, pointOf(point));
    expect(seen).not.toBe(cached);
    expect(seen.version).toBe(6);
    const decide = (policy: typeof seen) => policy.choose(context, ['a', 'b', 'c'], createRng(3)).scores;
    expect(decide(seen)).toEqual(decide(rebuilt));
    expect(decide(seen)).not.toEqual(decide(cached));
  });

  it('rebuilds a missing state once for many concurrent decisions, and parses each new state once', async () => {
    const point = newPoint();
    await insertClosed(point, 4);
    await replicaA.applyClosed(point);
    await redises[0]!.del(`${config.INTERACTION_REDIS_PREFIX}policy:${point.name}`);
    let pointReads = 0;
    const countingPointOf = () => {
      pointReads++;
      return Promise.resolve(point);
    };
    const readsBefore = stateReads[1]!;
    const policies = await Promise.all(
      Array.from({ length: 20 }, () => replicaB.loadForDecision(point.name, countingPointOf)),
    );
    expect(new Set(policies).size).toBe(1);
    expect(policies[0]!.version).toBe(4);
    expect(pointReads).toBe(1);
    expect(stateReads[1]).toBe(readsBefore + 1);

    await insertClosed(point, 2);
    await replicaA.applyClosed(point);
    const afterUpdate = await Promise.all(
      Array.from({ length: 20 }, () => replicaB.loadForDecision(point.name, countingPointOf)),
    );
    expect(new Set(afterUpdate).size).toBe(1);
    expect(afterUpdate[0]!.version).toBe(6);
    expect(stateReads[1]).toBe(readsBefore + 2);
    expect(pointReads).toBe(1); // the state was in Redis: no need for the decision point
  });

  it('passes on a failure to read the decision point for a rebuild, and does not keep it', async () => {
    const point = newPoint();
    const missing = () => Promise.reject(new Error(`no decision point named ${point.name}`));
    await expect(replicaB.loadForDecision(point.name, missing)).rejects.toThrow('no decision point');
    expect((await replicaB.loadForDecision(point.name, pointOf(point))).version).toBe(0);
  });
});
