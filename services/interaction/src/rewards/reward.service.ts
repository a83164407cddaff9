import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@userops/contracts';
import { PG_POOL } from '@userops/service-host';
import { claimOnce, inTransaction } from '@userops/storage';
import type { Pool } from 'pg';
import { rewardOf } from './reward-aggregation';

export type RewardOutcome =
  | 'not-a-reward'
  | 'duplicate'
  | 'unknown-decision'
  /** The decision went with its erased user (the reward was produced before the deletion). */
  | 'forgotten-user'
  | 'late'
  | 'joined';

const claimScope = 'interaction.rewards';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Joins a track event carrying `properties.decisionId` to its decision. The claim on the eventId,
 * the reward row and the decision's running totals commit together, so a redelivery joins
 * nothing twice. The window is judged by the event's `receivedAt` (ingest's clock), so a replay
 * gives the same answer; a decision already closed takes no more rewards.
 * The policy learns only when the window closes (see DecisionCloser), once per decision.
 * A reward can create nothing by itself: it only adds to a decision that still exists (the
 * `for update` makes it wait for an erasure in flight), so for an erased user it joins nothing.
 */
@Injectable()
export class RewardService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async handle(envelope: EventEnvelope): Promise<RewardOutcome> {
    const decisionId = envelope.properties?.decisionId;
    if (envelope.type !== 'track' || typeof decisionId !== 'string') return 'not-a-reward';
    if (!uuidPattern.test(decisionId)) return 'unknown-decision';
    const reward = rewardOf(envelope.properties);
    return inTransaction(this.pool, async (client) => {
      if (!(await claimOnce(client, claimScope, envelope.eventId))) return 'duplicate';
      const { rows } = await client.query<{ open: boolean }>(
        `select closed_at is null and $2::timestamptz <= reward_due_at as open
           from decisions where id = $1 for update`,
        [decisionId, envelope.receivedAt],
      );
      if (!rows[0]) {
        const userId = envelope.userId ?? envelope.anonymousId;
        const { rows: forgotten } = await client.query('select 1 from forgotten_users where user_id = $1', [
          userId,
        ]);
        return forgotten.length > 0 ? 'forgotten-user' : 'unknown-decision';
      }
      if (!rows[0].open) return 'late';
      await client.query('insert into decision_rewards (decision_id, event_id, reward) values ($1, $2, $3)', [
        decisionId,
        envelope.eventId,
        reward,
      ]);
      await client.query(
        `update decisions set reward_total = reward_total + $2, reward_count = reward_count + 1,
                first_reward = coalesce(first_reward, $2) where id = $1`,
        [decisionId, reward],
      );
      return 'joined';
    });
  }
}
