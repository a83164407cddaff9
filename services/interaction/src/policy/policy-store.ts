import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type BanditPolicy,
  createPolicy,
  type PolicyConfig,
  type PolicyState,
  restorePolicy,
} from '@userops/bandits';
import { PG_POOL, REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { Pool } from 'pg';
import type { InteractionConfig } from '../config';
import type { DecisionPoint } from '../decision-points/decision-point.schema';
import { INTERACTION_CONFIG } from '../interaction.tokens';

/** A closed decision whose final reward the policy must learn exactly once. */
interface ClosedDecision {
  id: string;
  context: number[];
  action_id: string;
  applied_reward: number;
  applied_version?: number;
}

// Writes the state only when the stored version is still the one the writer read (-1: absent),
// and records which decisions the write applied, atomically (Redis runs a script alone). Creating
// the state (a rebuild from Postgres) drops the applied ids: they belonged to the state that was
// lost, and the decisions not yet marked in Postgres must be learned again by the rebuilt one.
const compareAndSetScript = `
local current = redis.call('HGET', KEYS[1], 'version')
if (current or '-1') ~= ARGV[1] then return 0 end
if ARGV[1] == '-1' then redis.call('DEL', KEYS[2]) end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1`;

const releaseLockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export function policyConfigOf(point: DecisionPoint): PolicyConfig {
  return { ...point.policy, dimension: point.contextFeatures.length } as PolicyConfig;
}

/**
 * Policy state per decision point, shared by replicas through Redis (hash `policy:<dp>` with
 * `version` and `state`). Postgres stays the source of truth:
 * - the decision log holds every closed decision's context, action and final reward, and
 *   `applied_version`, the policy version its update produced;
 * - `policy_snapshots` holds the state every INTERACTION_SNAPSHOT_EVERY updates.
 * When Redis lacks the state it is rebuilt as the latest snapshot plus a replay of the decisions
 * applied after it, in version order, so losing Redis loses nothing.
 *
 * Exactly-once: updates are applied under a per-decision-point Redis lock, and the new state is
 * written with a compare-and-set on the version together with the ids it applied
 * (`applied:<dp>`). A crash between that write and marking the rows in Postgres leaves the ids in
 * Redis, so the next pass marks them without learning twice; a lost lock makes the CAS fail and
 * the pass is simply retried.
 */
@Injectable()
export class PolicyStore {
  private readonly prefix: string;

  constructor(
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {
    this.prefix = config.INTERACTION_REDIS_PREFIX;
  }

  private stateKey(point: string): string {
    return `${this.prefix}policy:${point}`;
  }

  private appliedKey(point: string): string {
    return `${this.prefix}applied:${point}`;
  }

  /** The current policy of a decision point (read-only use: choose). */
  async load(point: DecisionPoint): Promise<BanditPolicy> {
    const stored = await this.redis.hget(this.stateKey(point.name), 'state');
    if (stored) return restorePolicy(JSON.parse(stored) as PolicyState);
    const rebuilt = await this.rebuild(point);
    const written = await this.redis.eval(
      compareAndSetScript,
      2,
      this.stateKey(point.name),
      this.appliedKey(point.name),
      '-1',
      String(rebuilt.version),
      JSON.stringify(rebuilt.toState()),
    );
    if (written === 1) return rebuilt;
    return this.load(point); // another replica rebuilt it first
  }

  /** Latest snapshot plus the decisions applied after it, in the order they were applied. */
  private async rebuild(point: DecisionPoint): Promise<BanditPolicy> {
    const { rows: snapshots } = await this.pool.query<{ version: number; state: PolicyState }>(
      'select version, state from policy_snapshots where decision_point = $1 order by version desc limit 1',
      [point.name],
    );
    const policy = snapshots[0] ? restorePolicy(snapshots[0].state) : createPolicy(policyConfigOf(point));
    const { rows } = await this.pool.query<ClosedDecision>(
      `select id, context, action_id, applied_reward from decisions
        where decision_point = $1 and applied_version > $2 order by applied_version`,
      [point.name, policy.version],
    );
    for (const row of rows) policy.update(row.action_id, row.context, row.applied_reward);
    return policy;
  }

  /** Applies every closed, not yet applied decision of the point; returns how many it applied. */
  async applyClosed(point: DecisionPoint): Promise<number> {
    const lockKey = `${this.prefix}lock:${point.name}`;
    const token = randomUUID();
    if ((await this.redis.set(lockKey, token, 'PX', 30_000, 'NX')) !== 'OK') return 0;
    try {
      return await this.applyClosedLocked(point);
    } finally {
      await this.redis.eval(releaseLockScript, 1, lockKey, token);
    }
  }

  private async applyClosedLocked(point: DecisionPoint): Promise<number> {
    const { rows } = await this.pool.query<ClosedDecision>(
      `select id, context, action_id, applied_reward from decisions
        where decision_point = $1 and closed_at is not null and applied_version is null
        order by closed_at, id limit 1000`,
      [point.name],
    );
    if (rows.length === 0) return 0;
    const policy = await this.load(point);
    const readVersion = policy.version;
    const alreadyApplied = await this.redis.hgetall(this.appliedKey(point.name));
    const marks: Array<{ id: string; version: number }> = [];
    const newlyApplied: string[] = [];
    for (const row of rows) {
      const earlier = alreadyApplied[row.id];
      if (earlier !== undefined) {
        marks.push({ id: row.id, version: Number(earlier) });
        continue;
      }
      policy.update(row.action_id, row.context, row.applied_reward);
      marks.push({ id: row.id, version: policy.version });
      newlyApplied.push(row.id, String(policy.version));
    }
    if (newlyApplied.length > 0) {
      const written = await this.redis.eval(
        compareAndSetScript,
        2,
        this.stateKey(point.name),
        this.appliedKey(point.name),
        String(readVersion),
        String(policy.version),
        JSON.stringify(policy.toState()),
        ...newlyApplied,
      );
      if (written !== 1)
        throw new Error(`policy of ${point.name} changed while applying rewards; retrying next pass`);
    }
    await this.pool.query(
      `update decisions d set applied_version = m.version
         from unnest($1::uuid[], $2::int[]) as m(id, version) where d.id = m.id`,
      [marks.map((m) => m.id), marks.map((m) => m.version)],
    );
    await this.redis.hdel(this.appliedKey(point.name), ...marks.map((m) => m.id));
    const every = this.config.INTERACTION_SNAPSHOT_EVERY;
    if (Math.floor(readVersion / every) !== Math.floor(policy.version / every))
      await this.snapshot(point.name, policy);
    return newlyApplied.length / 2;
  }

  private async snapshot(point: string, policy: BanditPolicy): Promise<void> {
    await this.pool.query(
      'insert into policy_snapshots (decision_point, version, state) values ($1, $2, $3) on conflict do nothing',
      [point, policy.version, JSON.stringify(policy.toState())],
    );
  }

  /** The stored state (for the read API and tests); undefined before the first decision. */
  async peek(point: string): Promise<PolicyState | undefined> {
    const stored = await this.redis.hget(this.stateKey(point), 'state');
    return stored ? (JSON.parse(stored) as PolicyState) : undefined;
  }
}
