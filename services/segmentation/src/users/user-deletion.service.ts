import { Injectable } from '@nestjs/common';
import type { UserDeletedEvent } from '@userops/contracts';
import { LiveFeatureStore } from '../features/live-feature.store';
import type { SegmentModel } from '../profiles/outbound-events.builder';
import { ProfileFlushService } from '../profiles/profile-flush.service';
import { SegmentPublisher } from '../profiles/segment-publisher';
import { SegmentationRepository } from '../persistence/segmentation.repository';

/**
 * Erasure (user-deleted.v1): Redis features and segments, the Postgres profile, then a
 * segment-changed to null per model the user was in and a tombstone on profiles.v1. Idempotent:
 * a second run finds nothing to remove and only re-sends the tombstone.
 */
@Injectable()
export class UserDeletionService {
  constructor(
    private readonly store: LiveFeatureStore,
    private readonly repository: SegmentationRepository,
    private readonly publisher: SegmentPublisher,
    private readonly flushes: ProfileFlushService,
  ) {}

  deleteUser(event: UserDeletedEvent): Promise<void> {
    return this.flushes.exclusive(() => this.erase(event));
  }

  private async erase(event: UserDeletedEvent): Promise<void> {
    const segments = await this.store.deleteUser(event.userId);
    await this.repository.deleteUser(event.userId);
    await this.publisher.segmentChanges(
      Object.entries(segments).map(([model, previous]) => ({
        userId: event.userId,
        model: model as SegmentModel,
        modelVersion: 'deleted',
        previous,
        current: null,
        features: {},
        reason: `user deleted (requested by ${event.requestedBy})`,
        cause: { messageId: event.correlationId, eventId: event.eventId },
      })),
    );
    await this.publisher.tombstone(event.userId);
  }
}
