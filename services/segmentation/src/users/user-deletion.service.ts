import { Injectable, Logger } from '@nestjs/common';
import { segmentModels, type UserDeletedEvent } from '@userops/contracts';
import { v4 as uuidv4 } from 'uuid';
import { LiveFeatureStore } from '../features/live-feature.store';
import { encodePendingChangeBody } from '../outbox/outbox-entry';
import { SegmentChangeRelay } from '../outbox/segment-change.relay';
import { ProfileFlushService } from '../profiles/profile-flush.service';
import { SegmentPublisher } from '../profiles/segment-publisher';
import { SegmentationRepository } from '../persistence/segmentation.repository';

/**
 * Erasure (user-deleted.v1): Redis features and segments (recording a segment-changed to null per
 * model the user was in, in the outbox, in the same step), the Postgres profile, then the relay
 * and a tombstone on profiles.v1. Idempotent: a second run finds nothing to remove and only
 * re-sends the tombstone; the changes recorded by the first run stay in the outbox until sent.
 */
@Injectable()
export class UserDeletionService {
  private readonly logger = new Logger('user-deletion');

  constructor(
    private readonly store: LiveFeatureStore,
    private readonly repository: SegmentationRepository,
    private readonly publisher: SegmentPublisher,
    private readonly relay: SegmentChangeRelay,
    private readonly flushes: ProfileFlushService,
  ) {}

  deleteUser(event: UserDeletedEvent): Promise<void> {
    return this.flushes.exclusive(() => this.erase(event));
  }

  private async erase(event: UserDeletedEvent): Promise<void> {
    await this.store.deleteUser(event.userId, {
      occurredAt: new Date().toISOString(),
      body: encodePendingChangeBody({
        modelVersion: 'deleted',
        current: null,
        features: {},
        reason: `user deleted (requested by ${event.requestedBy})`,
        cause: { messageId: event.correlationId, eventId: event.eventId },
      }),
      eventIds: Object.fromEntries(segmentModels.map((model) => [model, uuidv4()])),
    });
    await this.repository.deleteUser(event.userId);
    await this.relay
      .relayNow()
      .catch((error: unknown) =>
        this.logger.warn(`segment changes wait in the outbox for Kafka: ${(error as Error).message}`),
      );
    // When this fails the message is retried; the retry finds the user gone and only re-sends this.
    await this.publisher.tombstone(event.userId);
  }
}
