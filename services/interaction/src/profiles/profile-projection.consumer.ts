import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type TopicMap, userProfile } from '@userops/contracts';
import { ConsumerRegistry, PG_POOL } from '@userops/service-host';
import { forgottenUser, inUserTransaction } from '@userops/storage';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Pool } from 'pg';
import type { Counter } from 'prom-client';
import type { InteractionConfig } from '../config';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';

/**
 * userops.profiles.v1 (compacted) → interaction's own `user_profiles` projection, the context
 * source of decisions. Read from the beginning so a new group rebuilds the table; older profiles
 * never overwrite newer ones; a tombstone deletes the row. A profile of an erased user (produced
 * before the deletion, consumed after it; only its later tombstone may remain) is skipped.
 */
@Injectable()
export class ProfileProjectionConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    @Inject(PG_POOL) private readonly pool: Pool,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.INTERACTION_CONSUMER_GROUP}.profiles`,
      topic: this.topics.profiles,
      schema: userProfile,
      fromBeginning: true,
      maxAttempts: this.config.INTERACTION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        const stored = await inUserTransaction(this.pool, value.userId, (client) =>
          client.query(
            `insert into user_profiles (user_id, features, segments, updated_at) values ($1, $2, $3, $4)
             on conflict (user_id) do update set features = excluded.features, segments = excluded.segments,
               updated_at = excluded.updated_at
             where user_profiles.updated_at <= excluded.updated_at`,
            [value.userId, JSON.stringify(value.features), JSON.stringify(value.segments), value.updatedAt],
          ),
        );
        if (stored === forgottenUser) this.forgottenUsers.inc({ topic: this.topics.profiles });
      },
      handleTombstone: async ({ key }) => {
        if (key !== null) await this.pool.query('delete from user_profiles where user_id = $1', [key]);
      },
    });
  }
}
