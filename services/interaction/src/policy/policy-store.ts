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
// Every write also sets a new random `stamp`: with `version` it names one write, so a decision
// cache can tell "the state I parsed" from "a different state at the same version" (a rebuild
// after Redis lost or rolled back the state replays to versions an older state also had).
const compareAndSetScript = `
local current = redis.call('HGET', KEYS[1], 'version')
if (current or '-1') ~= ARGV[1] then return 0 end
if ARGV[1] == '-1' then redis.call('DEL', KEYS[2]) end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3], 'stamp', ARGV[4])
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 1`;

// The state with its version and stamp, read together (nil when absent). A state written before
// stamps existed gets one here, so it can be cached too.
const readStateScript = `
local fields = redis.call('HMGET', KEYS[1], 'version', 'stamp', 'state')
if not fields[3] then return false end
if not fields[2] then
  redis.call('HSET', KEYS[1], 'stamp', ARGV[1])
  fields[2] = ARGV[1]
end
return fields`;

const releaseLockScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export function policyConfigOf(point: DecisionPoint): PolicyConfig {
  return { ...point.policy, dimension: point.contextFeatures.length } as PolicyConfig;
}

/**
 * What a decision may do with a policy: read it, never learn. The decision path shares one parsed
 * instance between concurrent decisions, so `update` is not reachable through this type (choosing
 * never mutates a policy; see BanditPolicy.choose).
 */
export type DecidingPolicy = Pick<
  BanditPolicy,
  'kind' | 'dimension' | 'version' | 'choose' | 'probabilities' | 'knownActions' | 'toState'
>;

/** A parsed state and the `version` and `stamp` fields it was stored with. */
interface StoredPolicy {
  version: string;
  stamp: string;
  policy: BanditPolicy;
}

/**
 * Policy state per decision point, shared by replicas through Redis (hash `policy:<dp>` with
 * `version`, `state` and `stamp`). Postgres stays the source of truth:
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
 *
 * Decisions (`loadForDecision`) keep the parsed state per decision point and read only the
 * `version` and `stamp` fields per decision: the full state (A⁻¹ and b per action, tens of kB of
 * JSON) is read and parsed again only when another write happened, on this replica or any other,
 * so a decision always uses the latest state written before it asked. Learning (`applyClosed`)
 * always parses its own copy, because it mutates it.
 */
@Injectable()
export class PolicyStore {
  private readonly prefix: string;
  /** Per decision point, the state last parsed for decisions; learning never updates it. */
  private readonly deciding = new Map<string, StoredPolicy>();
  /** Reads of the full state in flight for decisions, per (point, version, stamp) they replace. */
  private readonly refreshing = new Map<string, Promise<StoredPolicy>>();

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

  /**
   * The current policy of a decision point, for choosing. One small Redis read (`version`,
   * `stamp`) per call; the parsed state is reused while both are unchanged. `pointOf` supplies the
   * decision point only when the state must be rebuilt from Postgres, so the caller may still be
   * reading it when this starts.
   */
  async loadForDecision(name: string, pointOf: () => Promise<DecisionPoint>): Promise<DecidingPolicy> {
    const [version, stamp] = await this.redis.hmget(this.stateKey(name), 'version', 'stamp');
    const cached = this.deciding.get(name);
    if (cached && stamp !== null && cached.stamp === stamp && cached.version === version)
      return cached.policy;
    // Concurrent decisions that saw the same outdated fields share one read and parse.
    const key = JSON.stringify([name, version, stamp]);
    let refresh = this.refreshing.get(key);
    if (!refresh) {
      refresh = this.readState(name, pointOf)
        .then((stored) => {
          this.deciding.set(name, stored);
          return stored;
        })
        .finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, refresh);
    }
    return (await refresh).policy;
  }

  /** The current policy of a decision point, a private copy (to learn, or to show). */
  async load(point: DecisionPoint): Promise<BanditPolicy> {
    return (await this.readState(point.name, () => Promise.resolve(point))).policy;
  }

  private async readState(name: string, pointOf: () => Promise<DecisionPoint>): Promise<StoredPolicy> {
    const fields = (await this.redis.eval(readStateScript, 1, this.stateKey(name), randomUUID())) as
      [string | null, string, string] | null;
    if (fields)
      return {
        version: fields[0] ?? '',
        stamp: fields[1],
        policy: restorePolicy(JSON.parse(fields[2]) as PolicyState),
      };
    const rebuilt = await this.rebuild(await pointOf());
    const stamp = randomUUID();
    const written = await this.redis.eval(
      compareAndSetScript,
      2,
      this.stateKey(name),
      this.appliedKey(name),
      '-1',
      String(rebuilt.version),
      JSON.stringify(rebuilt.toState()),
      stamp,
    );
    if (written === 1) return { version: String(rebuilt.version), stamp, policy: rebuilt };
    return this.readState(name, pointOf); // another replica rebuilt it first
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
      const stamp = randomUUID();
      const written = await this.redis.eval(
        compareAndSetScript,
        2,
        this.stateKey(point.name),
        this.appliedKey(point.name),
        String(readVersion),
        String(policy.version),
        JSON.stringify(policy.toState()),
        stamp,
        ...newlyApplied,
      );
      if (written !== 1)
        throw new Error(`policy of ${point.name} changed while applying rewards; retrying next pass`);
      // This replica's next decisions use the state it just wrote without reading it back; the
      // policy is not updated again below.
      this.deciding.set(point.name, { version: String(policy.version), stamp, policy });
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
