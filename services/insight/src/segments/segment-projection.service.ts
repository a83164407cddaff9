import { Inject, Injectable } from '@nestjs/common';
import type { SegmentChangedEvent } from '@userops/contracts';
import { PG_POOL } from '@userops/service-host';
import { forgottenUser, inUserTransaction } from '@userops/storage';
import type { Pool } from 'pg';

export type SegmentProjectionOutcome = 'applied' | 'forgotten-user';

/**
 * insight's own copy of each user's current segment (event-carried state transfer: it never
 * reads segmentation's stores). The upsert is idempotent and ignores events older than the
 * stored one, so redeliveries and late arrivals cannot move a user back. A change for an erased
 * user (produced before the deletion, consumed after it) is skipped: it must not re-create them.
 */
@Injectable()
export class SegmentProjectionService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async apply(event: SegmentChangedEvent): Promise<SegmentProjectionOutcome> {
    const applied = await inUserTransaction(this.pool, event.userId, (client) =>
      client.query(
        `insert into user_segments (user_id, model, segment_id, changed_at, source_event_id)
         values ($1, $2, $3, $4, $5)
         on conflict (user_id, model) do update
           set segment_id = excluded.segment_id, changed_at = excluded.changed_at, source_event_id = excluded.source_event_id
           where user_segments.changed_at <= excluded.changed_at`,
        [event.userId, event.model, event.current, event.occurredAt, event.eventId],
      ),
    );
    return applied === forgottenUser ? 'forgotten-user' : 'applied';
  }
}
