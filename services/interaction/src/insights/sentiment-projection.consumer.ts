import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type InsightEvent, insightEvent, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry, PG_POOL } from '@userops/service-host';
import { forgottenUser, inUserTransaction } from '@userops/storage';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Pool } from 'pg';
import type { Counter } from 'prom-client';
import type { InteractionConfig } from '../config';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';

/**
 * Kinds that describe one analysed text (see the insight contract). An `alert` repeats the text's
 * sentiment for a rule that fired on it; counting it would only re-store the same value.
 */
const perTextKinds: ReadonlySet<InsightEvent['kind']> = new Set(['sentiment', 'topic']);

/**
 * userops.insight.v1 → `user_sentiments`, the user's latest sentiment as a decision context
 * feature. "Latest" is by the insight's occurredAt (ties broken by eventId), not by arrival, so a
 * redelivered or reordered older insight never replaces a newer one and every replica or replay
 * converges on the same row. Read from the beginning so a new group rebuilds what the topic retains.
 * An insight about an erased user (produced before the deletion, consumed after it) is skipped.
 */
@Injectable()
export class SentimentProjectionConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    @Inject(PG_POOL) private readonly pool: Pool,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.INTERACTION_CONSUMER_GROUP}.insights`,
      topic: this.topics.insight,
      schema: insightEvent,
      fromBeginning: true,
      maxAttempts: this.config.INTERACTION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        if (!perTextKinds.has(value.kind)) return;
        const stored = await inUserTransaction(this.pool, value.userId, (client) =>
          client.query(
            `insert into user_sentiments (user_id, sentiment, occurred_at, insight_event_id) values ($1, $2, $3, $4)
             on conflict (user_id) do update set sentiment = excluded.sentiment,
               occurred_at = excluded.occurred_at, insight_event_id = excluded.insight_event_id
             where (user_sentiments.occurred_at, user_sentiments.insight_event_id)
                 < (excluded.occurred_at, excluded.insight_event_id)`,
            [value.userId, value.sentiment, value.occurredAt, value.eventId],
          ),
        );
        if (stored === forgottenUser) this.forgottenUsers.inc({ topic: this.topics.insight });
      },
    });
  }
}
