import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type TopicMap, userDeletedEvent } from '@userops/contracts';
import { ConsumerRegistry, PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import type { InteractionConfig } from '../config';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { inTransaction, markForgotten } from '@userops/storage';

/**
 * userops.user-deleted.v1 → the user's decisions (pending and logged, with their rewards),
 * projected profile and latest sentiment go. Idempotent. What the policy already learned from
 * them stays (it holds aggregates, no user ids); a rebuild from snapshots replays only decisions
 * that remain. The user is recorded in forgotten_users in the same transaction, so an insight,
 * profile or segment change produced before the deletion and consumed after it, or a decision
 * asked for later, cannot bring the user back (see forgotten-users.ts).
 */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.INTERACTION_CONSUMER_GROUP}.deletions`,
      topic: this.topics.userDeleted,
      schema: userDeletedEvent,
      maxAttempts: this.config.INTERACTION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        await inTransaction(this.pool, async (client) => {
          await markForgotten(client, value.userId);
          await client.query('delete from decisions where user_id = $1', [value.userId]);
          await client.query('delete from user_profiles where user_id = $1', [value.userId]);
          await client.query('delete from user_sentiments where user_id = $1', [value.userId]);
          await client.query("delete from rule_actions where action_event->>'userId' = $1", [value.userId]);
        });
      },
    });
  }
}
